using BenchmarkDotNet.Attributes;

namespace Routilux.Benchmarks;

/// <summary>A stateful routine for checkpoint benchmarks: a counter it saves, and a queue big enough for the backlog.</summary>
[Routine(StateVersion = 2)]
public partial class BenchCounter
{
    /// <summary>The sum so far.</summary>
    [State(Name = "total")]
    public long Total { get; set; }

    /// <summary>Adds a value and passes it on.</summary>
    [Slot(Capacity = 16384)]
    public void In(int value)
    {
        Total += value;
        Out(value);
    }

    /// <summary>The value, passed on.</summary>
    [Emits]
    public partial void Out(int value);

    // A step, so the generated Migrate has a case (this build's generator needs one, see the checkpoint tests).
    [MigrateState(from: 1)]
    private static void FromV1(System.Text.Json.Nodes.JsonObject state) => state["total"] ??= 0;
}

/// <summary>
/// What a checkpoint costs: the pause (holding every routine and capturing the cut) plus serializing and saving the
/// document to an in-memory store. Two workers: one routine with 10,000 messages queued behind a pause, and a chain of
/// 100 stateful routines.
/// </summary>
[MemoryDiagnoser]
public class CheckpointBenchmarks
{
    private Runtime _runtime = null!;
    private Worker _backlog = null!;
    private Worker _chain = null!;

    /// <summary>Builds both workers: the backlog paused with 10,000 queued messages, the chain with state in every routine.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _runtime = new Runtime();
        var single = new FlowBuilder("bench-backlog");
        var counter = single.Add<BenchCounter>("counter");
        single.Entry(counter.In());
        _backlog = _runtime.CreateWorker(single.Build(), new WorkerOptions { Store = new InMemoryWorkerStore() });
        _backlog.Pause();
        var job = _backlog.OpenJob();
        for (var i = 0; i < 10_000; i++)
        {
            job.PostAsync(counter.In(), i).AsTask().GetAwaiter().GetResult();
        }

        var chain = new FlowBuilder("bench-chain");
        var previous = chain.Add<BenchCounter>("r0");
        chain.Entry(previous.In());
        var first = previous;
        for (var i = 1; i < 100; i++)
        {
            var next = chain.Add<BenchCounter>($"r{i}");
            chain.Connect(previous.Out(), next.In());
            previous = next;
        }

        _chain = _runtime.CreateWorker(chain.Build(), new WorkerOptions { Store = new InMemoryWorkerStore(), RecordHistory = false });
        for (var i = 0; i < 10; i++)
        {
            _chain.RunAsync(first.In(), i).AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Cancels both workers.</summary>
    [GlobalCleanup]
    public void Cleanup() => _runtime.Dispose();

    /// <summary>A checkpoint of one routine with 10,000 queued messages.</summary>
    [Benchmark]
    public Task<WorkerCheckpoint> TenThousandQueued() => _backlog.CheckpointAsync();

    /// <summary>A checkpoint of a 100-routine chain, each with state.</summary>
    [Benchmark]
    public Task<WorkerCheckpoint> HundredStatefulRoutines() => _chain.CheckpointAsync();
}
