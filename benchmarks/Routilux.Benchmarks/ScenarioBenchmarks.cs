using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Routilux.Benchmarks.Infrastructure;
using Routilux.Benchmarks.Peers;

namespace Routilux.Benchmarks;

/// <summary>
/// The original plan's end-to-end scenarios, each its own category (times are per operation = per scenario run):
/// a 10-routine chain job fed 1000 messages through an open job, 50 parallel one-message jobs, a 100-routine
/// diamond flow, and building plus describing a 100-routine flow as JSON. The two chain scenarios have a TPL
/// Dataflow peer doing the same work on the same 10-stage chain.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ScenarioBenchmarks
{
    /// <summary>Messages posted into the chain job.</summary>
    public const int ChainMessages = 1000;

    /// <summary>Jobs started at once.</summary>
    public const int ParallelJobs = 50;

    private Runtime? _runtime;
    private Worker? _chain;
    private SlotPort<int> _chainEntry;
    private SumStage? _chainSink;
    private Worker? _parallel;
    private SlotPort<int> _parallelEntry;
    private SumStage? _parallelSink;
    private Worker? _diamond;
    private SlotPort<int> _diamondEntry;
    private DiamondNode? _diamondLast;
    private Flow? _describedFlow;
    private DataflowChain? _dataflowChain;
    private DataflowRequestChain? _dataflowRequests;
    private long _verified;

    private Runtime NewRuntime() => _runtime ??= new Runtime();

    // ---- a 10-routine chain job, 1000 messages ----

    /// <summary>A worker running stage1..stage9 -> stage10 (sum).</summary>
    [GlobalSetup(Target = nameof(ChainJob1000))]
    public void SetupChainJob()
    {
        var (flow, entry) = Flows.Chain("chain-job", withSource: false);
        _chain = NewRuntime().CreateWorker(flow);
        _chainEntry = entry;
        _chainSink = (SumStage)_chain.GetRoutine(Flows.LastStage);
    }

    /// <summary>Routilux: OpenJob, PostAsync 1000 ints at the entry, CompleteInput, await Completion.</summary>
    [Benchmark]
    [BenchmarkCategory("ChainJob1000")]
    [Workload(ChainMessages, "job", Role.Routilux)]
    public async Task<long> ChainJob1000()
    {
        _chainSink!.Reset();
        var job = _chain!.OpenJob();
        for (var i = 0; i < ChainMessages; i++)
        {
            await job.PostAsync(_chainEntry, i);
        }

        job.CompleteInput();
        Shape.Check(await job.Completion, job, "ChainJob1000");
        Shape.Check(Shape.ChainSum(ChainMessages), _chainSink.Sum, "ChainJob1000 sum");
        _verified++;
        return _chainSink.Sum;
    }

    /// <summary>The streaming benchmark's unbounded Dataflow chain.</summary>
    [GlobalSetup(Target = nameof(ChainJob1000_Dataflow))]
    public void SetupChainDataflow() => _dataflowChain = new DataflowChain(boundedCapacity: null);

    /// <summary>TPL Dataflow: Post 1000 ints, await the sink having seen them all.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("ChainJob1000")]
    [Workload(ChainMessages, "job", Role.Peer)]
    public async Task<long> ChainJob1000_Dataflow()
    {
        var sum = await _dataflowChain!.RunAsync(ChainMessages);
        Shape.Check(Shape.ChainSum(ChainMessages), sum, "ChainJob1000_Dataflow sum");
        _verified++;
        return sum;
    }

    // ---- 50 parallel jobs ----

    /// <summary>A second chain worker for the parallel jobs.</summary>
    [GlobalSetup(Target = nameof(ParallelJobs50))]
    public void SetupParallel()
    {
        var (flow, entry) = Flows.Chain("parallel-jobs", withSource: false);
        _parallel = NewRuntime().CreateWorker(flow);
        _parallelEntry = entry;
        _parallelSink = (SumStage)_parallel.GetRoutine(Flows.LastStage);
    }

    /// <summary>Routilux: 50 StartAsync (one message each, 0..49) into one worker, then await every Completion.</summary>
    [Benchmark]
    [BenchmarkCategory("ParallelJobs50")]
    [Workload(ParallelJobs, "50 jobs", Role.Routilux)]
    public async Task<long> ParallelJobs50()
    {
        _parallelSink!.Reset();
        var jobs = new Job[ParallelJobs];
        for (var i = 0; i < jobs.Length; i++)
        {
            jobs[i] = await _parallel!.StartAsync(_parallelEntry, i);
        }

        foreach (var job in jobs)
        {
            Shape.Check(await job.Completion, job, "ParallelJobs50");
        }

        Shape.Check(ParallelJobs, _parallelSink.Count, "ParallelJobs50 count");
        Shape.Check(Shape.ChainSum(ParallelJobs), _parallelSink.Sum, "ParallelJobs50 sum");
        _verified++;
        return _parallelSink.Sum;
    }

    /// <summary>A Dataflow chain whose messages carry their own TaskCompletionSource.</summary>
    [GlobalSetup(Target = nameof(ParallelJobs50_Dataflow))]
    public void SetupParallelDataflow() => _dataflowRequests = new DataflowRequestChain();

    /// <summary>TPL Dataflow: 50 messages, each awaited on its own TaskCompletionSource.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("ParallelJobs50")]
    [Workload(ParallelJobs, "50 jobs", Role.Peer)]
    public async Task<long> ParallelJobs50_Dataflow()
    {
        var sum = await _dataflowRequests!.RunAsync(ParallelJobs);
        Shape.Check(Shape.ChainSum(ParallelJobs), sum, "ParallelJobs50_Dataflow sum");
        _verified++;
        return sum;
    }

    // ---- a 100-routine diamond flow ----

    /// <summary>A worker running the diamond flow (node i feeds i+1 and i+2; see <see cref="Flows.Diamond"/>).</summary>
    [GlobalSetup(Target = nameof(Diamond100))]
    public void SetupDiamond()
    {
        var (builder, entry) = Flows.Diamond("diamond");
        _diamond = NewRuntime().CreateWorker(builder.Build());
        _diamondEntry = entry;
        _diamondLast = (DiamondNode)_diamond.GetRoutine($"n{Flows.DiamondNodes - 1}");
    }

    /// <summary>Routilux: one job of one message through 100 routines; 198 messages handled (1 entry + 197 connections), every node emits once.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Diamond100")]
    [Workload(Flows.DiamondMessages, "job", Role.Routilux)]
    public async Task<int> Diamond100()
    {
        var job = await _diamond!.StartAsync(_diamondEntry, 0);
        Shape.Check(await job.Completion, job, "Diamond100");
        Shape.Check(Flows.DiamondNodes, _diamondLast!.Depth, "Diamond100 depth of the last node");
        _verified++;
        return _diamondLast.Depth;
    }

    // ---- describing a 100-routine flow ----

    /// <summary>Builds the flow that <see cref="Describe100"/> describes and checks its JSON once.</summary>
    [GlobalSetup(Targets = [nameof(BuildAndDescribe100), nameof(Describe100)])]
    public void SetupDescribe()
    {
        _describedFlow = Flows.Diamond("described").Builder.Build();
        CheckDescription(_describedFlow.Describe().ToJson());
    }

    /// <summary>Routilux: FlowBuilder with 100 routines and 197 connections, Build (validation), Describe().ToJson().</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Describe100")]
    [Workload(0, "flow", Role.Routilux)]
    public int BuildAndDescribe100()
    {
        var json = Flows.Diamond("described").Builder.Build().Describe().ToJson();
        _verified++;
        return json.Length;
    }

    /// <summary>Routilux: Describe().ToJson() of the already built 100-routine flow.</summary>
    [Benchmark]
    [BenchmarkCategory("Describe100")]
    [Workload(0, "flow", Role.Routilux)]
    public int Describe100()
    {
        var json = _describedFlow!.Describe().ToJson();
        _verified++;
        return json.Length;
    }

    private static void CheckDescription(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var root = document.RootElement;
        var routines = root.GetProperty("routines").EnumerateObject().Count();
        var connections = root.GetProperty("connections").GetArrayLength();
        Shape.Check(Flows.DiamondNodes, routines, "Describe100 routines in the JSON");
        Shape.Check(Flows.DiamondMessages - 1, connections, "Describe100 connections in the JSON");
        Console.WriteLine($"// Result checks: the description has {routines} routines and {connections} connections ({json.Length} chars)");
    }

    /// <summary>Tears down and reports how many invocations passed their checks.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine($"// Result checks: {_verified} invocations verified");
        _runtime?.Dispose();
        _dataflowChain?.CloseAsync().GetAwaiter().GetResult();
        _dataflowRequests?.CloseAsync().GetAwaiter().GetResult();
    }
}
