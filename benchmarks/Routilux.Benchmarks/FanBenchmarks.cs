using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Routilux.Benchmarks.Infrastructure;
using Routilux.Benchmarks.Peers;

namespace Routilux.Benchmarks;

/// <summary>
/// Fan-out 1 -> 8: one source sends 100,000 ints, each delivered to 8 sinks (800,000 deliveries). Fan-in 8 -> 1:
/// 8 sources send 12,500 ints each into one sink (100,000 deliveries). Times and Allocated are per delivery;
/// B/msg is per message sent by a source. Every invocation checks every sink's count and sum.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class FanBenchmarks
{
    private const int Width = FanShape.Width;

    private Runtime? _runtime;
    private Worker? _worker;
    private SlotPort<int> _fanOutStart;
    private SlotPort<int>[] _fanInStarts = [];
    private Sink[] _sinks = [];
    private DataflowFanOut? _dataflowOut;
    private ChannelFanOut? _channelsOut;
    private DataflowFanIn? _dataflowIn;
    private ChannelFanIn? _channelsIn;
    private long _verified;

    // ---- fan-out ----

    /// <summary>A worker running source.Number -> sink0..sink7.In (one event connected to 8 slots).</summary>
    [GlobalSetup(Target = nameof(FanOut_Routilux))]
    public void SetupFanOut()
    {
        var flow = new FlowBuilder("fan-out");
        var source = flow.Add<Source>("source");
        for (var s = 0; s < Width; s++)
        {
            flow.Connect(source.Number(), flow.Add<Sink>($"sink{s}").In());
        }

        flow.Entry(source.Start());
        _runtime = new Runtime();
        _worker = _runtime.CreateWorker(flow.Build());
        _fanOutStart = source.Start();
        _sinks = Enumerable.Range(0, Width).Select(s => (Sink)_worker.GetRoutine($"sink{s}")).ToArray();
    }

    /// <summary>Routilux: one job; the source emits 100,000 ints with an async emit to 8 sinks (capacity 1000 each).</summary>
    [Benchmark(OperationsPerInvoke = FanShape.FanOutDeliveries)]
    [BenchmarkCategory("FanOut")]
    [Workload(FanShape.FanOutMessages, "delivery", Role.Routilux)]
    public async Task<long> FanOut_Routilux()
    {
        foreach (var sink in _sinks)
        {
            sink.Reset();
        }

        var job = await _worker!.StartAsync(_fanOutStart, FanShape.FanOutMessages);
        Shape.Check(await job.Completion, job, "FanOut_Routilux");
        long total = 0;
        foreach (var sink in _sinks)
        {
            Shape.Check(FanShape.FanOutMessages, sink.Count, "FanOut_Routilux count of a sink");
            Shape.Check(Shape.Range(FanShape.FanOutMessages), sink.Sum, "FanOut_Routilux sum of a sink");
            total += sink.Sum;
        }

        _verified++;
        return total;
    }

    /// <summary>A BroadcastBlock linked to 8 ActionBlocks.</summary>
    [GlobalSetup(Target = nameof(FanOut_Dataflow))]
    public void SetupFanOutDataflow() => _dataflowOut = new DataflowFanOut();

    /// <summary>TPL Dataflow: Post 100,000 ints into a BroadcastBlock feeding 8 unbounded ActionBlocks.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = FanShape.FanOutDeliveries)]
    [BenchmarkCategory("FanOut")]
    [Workload(FanShape.FanOutMessages, "delivery", Role.Peer)]
    public async Task<long> FanOut_Dataflow()
    {
        var sum = await _dataflowOut!.RunAsync();
        Shape.Check(Width * Shape.Range(FanShape.FanOutMessages), sum, "FanOut_Dataflow sum");
        _verified++;
        return sum;
    }

    /// <summary>8 bounded channels with a consumer task each.</summary>
    [GlobalSetup(Target = nameof(FanOut_Channels))]
    public void SetupFanOutChannels() => _channelsOut = new ChannelFanOut();

    /// <summary>Channels: write each of 100,000 ints into 8 bounded channels (capacity 1000).</summary>
    [Benchmark(OperationsPerInvoke = FanShape.FanOutDeliveries)]
    [BenchmarkCategory("FanOut")]
    [Workload(FanShape.FanOutMessages, "delivery", Role.Peer)]
    public async Task<long> FanOut_Channels()
    {
        var sum = await _channelsOut!.RunAsync();
        Shape.Check(Width * Shape.Range(FanShape.FanOutMessages), sum, "FanOut_Channels sum");
        _verified++;
        return sum;
    }

    // ---- fan-in ----

    /// <summary>A worker running source0..source7.Number -> sink.In (8 events connected to one slot).</summary>
    [GlobalSetup(Target = nameof(FanIn_Routilux))]
    public void SetupFanIn() => SetupFanIn(options: null);

    /// <summary>The same worker with <c>WorkerOptions.RecordHistory = false</c>.</summary>
    [GlobalSetup(Target = nameof(FanIn_RoutiluxNoHistory))]
    public void SetupFanInNoHistory() => SetupFanIn(new WorkerOptions { RecordHistory = false });

    private void SetupFanIn(WorkerOptions? options)
    {
        var flow = new FlowBuilder("fan-in");
        var sink = flow.Add<Sink>("sink");
        _fanInStarts = new SlotPort<int>[Width];
        for (var s = 0; s < Width; s++)
        {
            var source = flow.Add<Source>($"source{s}");
            flow.Connect(source.Number(), sink.In());
            flow.Entry(source.Start());
            _fanInStarts[s] = source.Start();
        }

        _runtime = new Runtime();
        _worker = _runtime.CreateWorker(flow.Build(), options);
        _sinks = [(Sink)_worker.GetRoutine("sink")];
    }

    /// <summary>Routilux: one open job posting Start(12,500) to each of 8 sources; each emits async into one sink slot (capacity 1000).</summary>
    [Benchmark(OperationsPerInvoke = FanShape.FanInMessages)]
    [BenchmarkCategory("FanIn")]
    [Workload(FanShape.FanInMessages, "delivery", Role.Routilux)]
    public Task<long> FanIn_Routilux() => RunFanInAsync("FanIn_Routilux");

    /// <summary>Routilux as <see cref="FanIn_Routilux"/>, with the execution history off: what a high-throughput flow can opt into.</summary>
    [Benchmark(OperationsPerInvoke = FanShape.FanInMessages)]
    [BenchmarkCategory("FanIn")]
    [Workload(FanShape.FanInMessages, "delivery", Role.Routilux)]
    public Task<long> FanIn_RoutiluxNoHistory() => RunFanInAsync("FanIn_RoutiluxNoHistory");

    private async Task<long> RunFanInAsync(string name)
    {
        var sink = _sinks[0];
        sink.Reset();
        var job = _worker!.OpenJob();
        foreach (var start in _fanInStarts)
        {
            await job.PostAsync(start, FanShape.FanInPerSource);
        }

        job.CompleteInput();
        Shape.Check(await job.Completion, job, name);
        Shape.Check(FanShape.FanInMessages, sink.Count, $"{name} count");
        Shape.Check(Width * Shape.Range(FanShape.FanInPerSource), sink.Sum, $"{name} sum");
        _verified++;
        return sink.Sum;
    }

    /// <summary>One ActionBlock.</summary>
    [GlobalSetup(Target = nameof(FanIn_Dataflow))]
    public void SetupFanInDataflow() => _dataflowIn = new DataflowFanIn();

    /// <summary>TPL Dataflow: 8 producer tasks Post 12,500 ints each into one unbounded ActionBlock.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = FanShape.FanInMessages)]
    [BenchmarkCategory("FanIn")]
    [Workload(FanShape.FanInMessages, "delivery", Role.Peer)]
    public async Task<long> FanIn_Dataflow()
    {
        var sum = await _dataflowIn!.RunAsync();
        Shape.Check(Width * Shape.Range(FanShape.FanInPerSource), sum, "FanIn_Dataflow sum");
        _verified++;
        return sum;
    }

    /// <summary>One bounded channel with one consumer.</summary>
    [GlobalSetup(Target = nameof(FanIn_Channels))]
    public void SetupFanInChannels() => _channelsIn = new ChannelFanIn();

    /// <summary>Channels: 8 producer tasks write 12,500 ints each into one bounded channel (capacity 1000).</summary>
    [Benchmark(OperationsPerInvoke = FanShape.FanInMessages)]
    [BenchmarkCategory("FanIn")]
    [Workload(FanShape.FanInMessages, "delivery", Role.Peer)]
    public async Task<long> FanIn_Channels()
    {
        var sum = await _channelsIn!.RunAsync();
        Shape.Check(Width * Shape.Range(FanShape.FanInPerSource), sum, "FanIn_Channels sum");
        _verified++;
        return sum;
    }

    /// <summary>Tears down and reports how many invocations passed their checks.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine($"// Result checks: {_verified} invocations verified");
        _runtime?.Dispose();
        _dataflowOut?.CloseAsync().GetAwaiter().GetResult();
        _channelsOut?.CloseAsync().GetAwaiter().GetResult();
        _dataflowIn?.CloseAsync().GetAwaiter().GetResult();
        _channelsIn?.CloseAsync().GetAwaiter().GetResult();
    }
}
