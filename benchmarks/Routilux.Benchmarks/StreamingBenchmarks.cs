using BenchmarkDotNet.Attributes;
using Routilux.Benchmarks.Infrastructure;
using Routilux.Benchmarks.Peers;

namespace Routilux.Benchmarks;

/// <summary>
/// Throughput: 1,000,000 ints through a 10-stage linear chain (every stage adds 1, the 10th also sums). One
/// invocation sends all million; <c>OperationsPerInvoke</c> is messages x stages, so times and Allocated are per hop
/// (one stage handling one message) and B/msg is per message. Pipelines are built once in [GlobalSetup]; every
/// invocation checks the sink's sum.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Streaming")]
public class StreamingBenchmarks
{
    /// <summary>Messages per invocation.</summary>
    public const int Messages = 1_000_000;

    /// <summary>Hops per invocation: every message is handled by every stage.</summary>
    public const int Hops = Messages * Shape.Stages;

    private static readonly long ExpectedSum = Shape.ChainSum(Messages);

    private Runtime? _runtime;
    private Worker? _worker;
    private SlotPort<int> _start;
    private SumStage? _sink;
    private DataflowChain? _dataflow;
    private ChannelChain? _channels;
    private AkkaChain? _akka;
    private int _verified;

    /// <summary>A runtime and a worker running source -> stage1..stage9 -> stage10 (sum).</summary>
    [GlobalSetup(Target = nameof(Routilux))]
    public void SetupRoutilux()
    {
        var (flow, entry) = Flows.Chain("streaming", withSource: true);
        _runtime = new Runtime();
        _worker = _runtime.CreateWorker(flow);
        _start = entry;
        _sink = (SumStage)_worker.GetRoutine(Flows.LastStage);
    }

    /// <summary>Routilux: one job per invocation; the source emits 1M numbers with an async emit (backpressure at capacity 1000).</summary>
    [Benchmark(OperationsPerInvoke = Hops)]
    [Workload(Messages, "hop", Role.Routilux)]
    public async Task<long> Routilux()
    {
        _sink!.Reset();
        var job = await _worker!.StartAsync(_start, Messages);
        Shape.Check(await job.Completion, job, "Streaming.Routilux");
        Shape.Check(Messages, _sink.Count, "Streaming.Routilux count");
        Shape.Check(ExpectedSum, _sink.Sum, "Streaming.Routilux sum");
        _verified++;
        return _sink.Sum;
    }

    /// <summary>The same worker with the execution history switched off (one clock read less per handler run).</summary>
    [GlobalSetup(Target = nameof(RoutiluxNoHistory))]
    public void SetupRoutiluxNoHistory()
    {
        var (flow, entry) = Flows.Chain("streaming-no-history", withSource: true);
        _runtime = new Runtime();
        _worker = _runtime.CreateWorker(flow, new WorkerOptions { RecordHistory = false });
        _start = entry;
        _sink = (SumStage)_worker.GetRoutine(Flows.LastStage);
    }

    /// <summary>Routilux with <c>WorkerOptions.RecordHistory = false</c>: what a high-throughput stream can opt into.</summary>
    [Benchmark(OperationsPerInvoke = Hops)]
    [Workload(Messages, "hop", Role.Routilux)]
    public async Task<long> RoutiluxNoHistory()
    {
        _sink!.Reset();
        var job = await _worker!.StartAsync(_start, Messages);
        Shape.Check(await job.Completion, job, "Streaming.RoutiluxNoHistory");
        Shape.Check(ExpectedSum, _sink.Sum, "Streaming.RoutiluxNoHistory sum");
        _verified++;
        return _sink.Sum;
    }

    /// <summary>The limit: 10 nested, non-inlined static calls per message.</summary>
    [Benchmark(OperationsPerInvoke = Hops)]
    [Workload(Messages, "hop", Role.Limit)]
    public long DirectCalls()
    {
        var sum = DirectChain.Run(Messages);
        Shape.Check(ExpectedSum, sum, "Streaming.DirectCalls sum");
        _verified++;
        return sum;
    }

    /// <summary>10 bounded channels (capacity 1000, single reader and writer), a consumer task per channel.</summary>
    [GlobalSetup(Target = nameof(Channels))]
    public void SetupChannels() => _channels = new ChannelChain();

    /// <summary>Channels: the benchmark thread writes 1M ints into the first channel.</summary>
    [Benchmark(OperationsPerInvoke = Hops)]
    [Workload(Messages, "hop", Role.Peer)]
    public async Task<long> Channels()
    {
        var sum = await _channels!.RunAsync(Messages);
        Shape.Check(ExpectedSum, sum, "Streaming.Channels sum");
        _verified++;
        return sum;
    }

    /// <summary>9 unbounded TransformBlocks and an ActionBlock sink.</summary>
    [GlobalSetup(Target = nameof(DataflowUnbounded))]
    public void SetupDataflowUnbounded() => _dataflow = new DataflowChain(boundedCapacity: null);

    /// <summary>TPL Dataflow, unbounded (its default and faster setting): Post 1M ints; the baseline of the targets.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Hops)]
    [Workload(Messages, "hop", Role.Peer)]
    public async Task<long> DataflowUnbounded()
    {
        var sum = await _dataflow!.RunAsync(Messages);
        Shape.Check(ExpectedSum, sum, "Streaming.DataflowUnbounded sum");
        _verified++;
        return sum;
    }

    /// <summary>The same blocks with BoundedCapacity = 1000.</summary>
    [GlobalSetup(Target = nameof(DataflowBounded))]
    public void SetupDataflowBounded() => _dataflow = new DataflowChain(boundedCapacity: Shape.Capacity);

    /// <summary>TPL Dataflow, BoundedCapacity 1000 like Routilux's queues: Post, or SendAsync when full.</summary>
    [Benchmark(OperationsPerInvoke = Hops)]
    [Workload(Messages, "hop", Role.Peer)]
    public async Task<long> DataflowBounded()
    {
        var sum = await _dataflow!.RunAsync(Messages);
        Shape.Check(ExpectedSum, sum, "Streaming.DataflowBounded sum");
        _verified++;
        return sum;
    }

    /// <summary>An actor system with 10 chained actors.</summary>
    [GlobalSetup(Target = nameof(Akka))]
    public void SetupAkka() => _akka = new AkkaChain();

    /// <summary>Akka.NET: Tell 1M ints to the first actor (unbounded mailboxes, no backpressure).</summary>
    [Benchmark(OperationsPerInvoke = Hops)]
    [Workload(Messages, "hop", Role.Peer)]
    public async Task<long> Akka()
    {
        var sum = await _akka!.RunAsync(Messages);
        Shape.Check(ExpectedSum, sum, "Streaming.Akka sum");
        _verified++;
        return sum;
    }

    /// <summary>Tears down whatever the setup built and reports how many invocations passed their checks.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine($"// Result checks: {_verified} invocations verified (sum {ExpectedSum} over {Messages} messages)");
        _runtime?.Dispose();
        _dataflow?.CloseAsync().GetAwaiter().GetResult();
        _channels?.CloseAsync().GetAwaiter().GetResult();
        _akka?.CloseAsync().GetAwaiter().GetResult();
    }
}
