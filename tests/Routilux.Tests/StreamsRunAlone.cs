namespace Routilux.Tests;

/// <summary>
/// Tests of streams across cores run alone, with more thread-pool threads on demand: the far side of a cut runs on a
/// second pool thread, the test host keeps a few pool threads busy at times, and the pool then adds threads only
/// slowly. The change is made for this collection only and undone after it, so no other test runs under it.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StreamsRunAlone : ICollectionFixture<MoreThreadPoolThreads>
{
    public const string Name = "Streaming (more pool threads, runs alone)";
}

/// <summary>Raises the thread pool's minimum worker threads to at least 8 while it lives, then restores it.</summary>
public sealed class MoreThreadPoolThreads : IDisposable
{
    private readonly int _workers;
    private readonly int _io;

    public MoreThreadPoolThreads()
    {
        ThreadPool.GetMinThreads(out _workers, out _io);
        ThreadPool.SetMinThreads(Math.Max(_workers, 8), _io);
    }

    public void Dispose() => ThreadPool.SetMinThreads(_workers, _io);
}
