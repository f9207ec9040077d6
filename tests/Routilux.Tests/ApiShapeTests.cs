using Routilux.Tests.Routines;

namespace Routilux.Tests;

/// <summary>
/// The shape of the public API where it was once awkward: calls that were ambiguous or needed casts or
/// null-forgiving operators now compile plainly. Each test's first lines are the call a user writes.
/// </summary>
public class ApiShapeTests
{
    [Fact]
    public async Task CreateWorker_with_null_options_binds_to_the_one_method_and_generates_an_id()
    {
        var flow = CounterFlow("null-options");
        await using var runtime = new Runtime();

        // This line was CS0121 while a string-id overload competed with the options one for null.
        var worker = runtime.CreateWorker(flow, null);
        var named = runtime.CreateWorker(flow, new WorkerOptions { Id = "named" });

        Assert.StartsWith("null-options-w", worker.Id, StringComparison.Ordinal);
        Assert.Same(named, runtime.FindWorker("named"));
    }

    [Fact]
    public async Task OpenJob_binds_for_no_argument_null_options_and_a_bare_token()
    {
        var flow = CounterFlow("open-jobs");
        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow);
        using var cts = new CancellationTokenSource();

        var plain = worker.OpenJob();
        var withNull = worker.OpenJob(null);
        var withToken = worker.OpenJob(cts.Token);
        await cts.CancelAsync();

        Assert.Equal(JobStatus.Cancelled, await withToken.Completion.Within());
        plain.CompleteInput();
        withNull.CompleteInput();
        Assert.Equal(JobStatus.Completed, await plain.Completion.Within());
        Assert.Equal(JobStatus.Completed, await withNull.Completion.Within());
    }

    [Fact]
    public void TryGet_true_lets_the_caller_use_the_descriptor_without_a_null_check()
    {
        // Compiles under TreatWarningsAsErrors only because TryGet's out parameter is [NotNullWhen(true)] (else CS8602).
        Assert.True(RoutineCatalog.TryGet("Counter", out var descriptor));
        Assert.Equal(typeof(Counter), descriptor.RoutineType);

        Assert.False(RoutineCatalog.TryGet("No such routine", out var missing));
        Assert.Null(missing);
    }

    [Fact]
    public void TryGet_nullable_analysis_in_a_consumer_warns_only_on_the_false_branch()
    {
        var diagnostics = ConsumerCompilation.WarningsAndErrors("""
            using Routilux;

            public static class Lookups
            {
                public static string Found(string name) => RoutineCatalog.TryGet(name, out var d) ? d.Name : "";

                public static string NotFound(string name) => RoutineCatalog.TryGet(name, out var d) ? "" : d.Name;
            }
            """);

        // One CS8602, on the false branch: the analysis runs, and it knows the descriptor is set only on true.
        var only = Assert.Single(diagnostics);
        Assert.Equal("CS8602", only.Id);
        Assert.Equal(7, ConsumerCompilation.Line(only));
    }

    [Fact]
    public async Task GetRoutine_of_T_returns_the_instance_typed()
    {
        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(CounterFlow("typed"));

        Counter counter = worker.GetRoutine<Counter>("counter");

        Assert.Same(worker.GetRoutine("counter"), counter);
        Assert.Same(counter, worker.GetRoutine<object>("counter"));
    }

    [Fact]
    public async Task GetRoutine_of_the_wrong_type_names_the_worker_flow_routine_and_both_types()
    {
        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(CounterFlow("typed"), new WorkerOptions { Id = "w1" });

        var error = Assert.Throws<InvalidCastException>(() => worker.GetRoutine<AddOne>("counter"));

        Assert.Equal(
            "Routine 'counter' of worker 'w1' (flow 'typed') is a Routilux.Tests.Routines.Counter, not a Routilux.Tests.Routines.AddOne. " +
            "Ask for GetRoutine<Counter>(\"counter\"), or check the routine id.",
            error.Message);
    }

    [Fact]
    public async Task GetRoutine_of_T_with_an_unknown_id_lists_the_routines()
    {
        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(CounterFlow("typed"));

        var error = Assert.Throws<KeyNotFoundException>(() => worker.GetRoutine<Counter>("nope"));

        Assert.Contains("'nope'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Its routines: counter.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_jobs_Timeout_is_named_and_valued_as_in_its_JobOptions()
    {
        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(CounterFlow("timeouts"));

        var limited = worker.OpenJob(new JobOptions { Timeout = TimeSpan.FromHours(1) });
        var unlimited = worker.OpenJob();

        Assert.Equal(TimeSpan.FromHours(1), limited.Timeout);
        Assert.Null(unlimited.Timeout);
        limited.CompleteInput();
        unlimited.CompleteInput();
        Assert.Equal(JobStatus.Completed, await limited.Completion.Within());
    }

    [Fact]
    public void A_built_flow_reads_back_capacity_and_queue_policy_with_the_verbs_the_builder_sets_them_with()
    {
        var flow = new FlowBuilder("settings");
        var counter = flow.Add<Counter>("counter");
        var plus = flow.Add<AddOne>("plus");
        flow.Connect(counter.Number(), plus.In()).Entry(counter.Start());
        flow.SetCapacity(plus.In(), 7).SetQueuePolicy(plus.In(), QueueFullPolicy.DropOldest);

        var built = flow.Build().FindRoutine("plus")!;

        Assert.Equal(7, built.GetCapacity(0));
        Assert.Equal(QueueFullPolicy.DropOldest, built.GetQueuePolicy(0));
        Assert.Equal(SlotDescriptor.DefaultCapacity, flow.Build().Routines[0].GetCapacity(0));
    }

    private static Flow CounterFlow(string id)
    {
        var flow = new FlowBuilder(id);
        var counter = flow.Add<Counter>("counter");
        flow.Entry(counter.Start());
        return flow.Build();
    }
}
