using BenchmarkDotNet.Attributes;
using Routilux.Benchmarks.Infrastructure;
using Routilux.Benchmarks.Peers;

namespace Routilux.Benchmarks;

/// <summary>
/// Latency: one message through the same 10-stage chain and back to the caller. Routilux: StartAsync then await
/// Job.Completion (the job completes when the 10th stage has handled the message), and RunAsync (start on the
/// calling thread, return the finished job). Peers: post one message and
/// await a TaskCompletionSource the 10th stage completes (continuations asynchronous, as Job.Completion's). The
/// pipelines live across iterations.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Latency")]
public class LatencyBenchmarks
{
    private static readonly long ExpectedSum = Shape.ChainSum(1);

    private Runtime? _runtime;
    private Worker? _worker;
    private SlotPort<int> _entry;
    private SumStage? _sink;
    private DataflowChain? _dataflow;
    private ChannelChain? _channels;
    private long _verified;

    /// <summary>A worker running stage1..stage9 -> stage10 (sum), stage1 the entry.</summary>
    [GlobalSetup(Target = nameof(Routilux))]
    public void SetupRoutilux()
    {
        var (flow, entry) = Flows.Chain("latency", withSource: false);
        _runtime = new Runtime();
        _worker = _runtime.CreateWorker(flow);
        _entry = entry;
        _sink = (SumStage)_worker.GetRoutine(Flows.LastStage);
    }

    /// <summary>Routilux: one job of one message, from StartAsync to the end of await job.Completion.</summary>
    [Benchmark]
    [Workload(1, "round trip", Role.Routilux)]
    public async Task<long> Routilux()
    {
        _sink!.Reset();
        var job = await _worker!.StartAsync(_entry, 0);
        Shape.Check(await job.Completion, job, "Latency.Routilux");
        Shape.Check(ExpectedSum, _sink.Sum, "Latency.Routilux sum");
        _verified++;
        return _sink.Sum;
    }

    /// <summary>The same chain, run with RunAsync.</summary>
    [GlobalSetup(Target = nameof(RoutiluxRunAsync))]
    public void SetupRoutiluxRunAsync() => SetupRoutilux();

    /// <summary>
    /// Routilux: one job of one message with Worker.RunAsync, which starts the job on the calling thread and returns it
    /// finished; the idle chain runs right there, so the round trip has no thread switch.
    /// </summary>
    [Benchmark]
    [Workload(1, "round trip", Role.Routilux)]
    public async Task<long> RoutiluxRunAsync()
    {
        _sink!.Reset();
        var job = await _worker!.RunAsync(_entry, 0);
        Shape.Check(job.Status, job, "Latency.RoutiluxRunAsync");
        Shape.Check(ExpectedSum, _sink.Sum, "Latency.RoutiluxRunAsync sum");
        _verified++;
        return _sink.Sum;
    }

    /// <summary>9 TransformBlocks and an ActionBlock (unbounded, Dataflow's default).</summary>
    [GlobalSetup(Target = nameof(Dataflow))]
    public void SetupDataflow() => _dataflow = new DataflowChain(boundedCapacity: null);

    /// <summary>TPL Dataflow: Post one message, await the last block's TaskCompletionSource; the target's baseline.</summary>
    [Benchmark(Baseline = true)]
    [Workload(1, "round trip", Role.Peer)]
    public async Task<long> Dataflow()
    {
        var sum = await _dataflow!.RunAsync(1);
        Shape.Check(ExpectedSum, sum, "Latency.Dataflow sum");
        _verified++;
        return sum;
    }

    /// <summary>10 bounded channels with a consumer task each.</summary>
    [GlobalSetup(Target = nameof(Channels))]
    public void SetupChannels() => _channels = new ChannelChain();

    /// <summary>Channels: write one message into the first channel, await the last consumer's TaskCompletionSource.</summary>
    [Benchmark]
    [Workload(1, "round trip", Role.Peer)]
    public async Task<long> Channels()
    {
        var sum = await _channels!.RunAsync(1);
        Shape.Check(ExpectedSum, sum, "Latency.Channels sum");
        _verified++;
        return sum;
    }

    /// <summary>Tears down and reports how many invocations passed their checks.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine($"// Result checks: {_verified} invocations verified (sum {ExpectedSum})");
        _runtime?.Dispose();
        _dataflow?.CloseAsync().GetAwaiter().GetResult();
        _channels?.CloseAsync().GetAwaiter().GetResult();
    }
}
