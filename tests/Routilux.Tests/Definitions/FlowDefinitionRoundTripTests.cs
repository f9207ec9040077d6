using System.Collections.Concurrent;
using System.Text.Json;
using Routilux.Tests.Routines;

namespace Routilux.Tests.Definitions;

/// <summary>Flow.ToDefinitionJson and FlowDefinition.Load: a built flow exports to the format, and loads back equal.</summary>
public class FlowDefinitionRoundTripTests
{
    [Fact]
    public void A_flow_built_in_code_exports_and_loads_back_equal_with_every_policy_and_capacity()
    {
        var flow = new FlowBuilder("round-trip");
        var split = flow.Add<DefSplitter>("split");
        var tally = flow.Add<DefWordTally>("tally");
        var total = flow.Add("total", "StatefulTotal");
        flow.Connect(split.Word(), tally.Word());
        flow.ConnectByName("split.Length", total.Slot("Add"));
        flow.Entry(split.Text());
        flow.OnError(ErrorPolicy.Retry(3, TimeSpan.FromTicks(123_457), 1.5, TimeSpan.FromSeconds(2), then: ErrorPolicy.Skip));
        flow.OnError(tally, ErrorPolicy.Continue);
        flow.OnError(total, ErrorPolicy.Retry(1, TimeSpan.Zero));
        flow.SetCapacity(tally.Word(), 7);
        flow.SetQueuePolicy(tally.Word(), QueueFullPolicy.DropNewest);
        flow.SetCapacityByName("total.Add", 3);
        var built = flow.Build();

        var json = built.ToDefinitionJson();
        var loaded = FlowDefinition.Load(json);

        FlowAssert.Equal(built, loaded);
        Assert.Equal(json, loaded.ToDefinitionJson());
        Assert.Equal(7, loaded.FindRoutine("tally")!.GetCapacity(0));
        Assert.Equal(QueueFullPolicy.DropNewest, loaded.FindRoutine("tally")!.GetQueuePolicy(0));
        Assert.Equal(ErrorStrategy.Retry, loaded.FindRoutine("split")!.ErrorPolicy.Strategy);
        Assert.Equal(ErrorStrategy.Continue, loaded.FindRoutine("tally")!.ErrorPolicy.Strategy);
    }

    [Fact]
    public void The_export_has_format_first_a_stable_order_and_only_what_the_flow_sets_over_its_types()
    {
        var flow = new FlowBuilder("plain");
        var split = flow.Add<DefSplitter>("split");
        var tally = flow.Add<DefWordTally>("tally");
        flow.Connect(split.Word(), tally.Word());
        flow.Entry(split.Text());
        flow.SetCapacity(tally.Word(), 16); // the slot's own [Slot(Capacity = 16)]: nothing to write

        var json = flow.Build().ToDefinitionJson();

        Assert.Equal(
            """
            {
              "format": 1,
              "id": "plain",
              "routines": {
                "split": {
                  "type": "DefSplitter"
                },
                "tally": {
                  "type": "DefWordTally"
                }
              },
              "connections": [
                {
                  "from": "split.Word",
                  "to": "tally.Word"
                }
              ],
              "entries": [
                "split.Text"
              ]
            }
            """.ReplaceLineEndings(),
            json.ReplaceLineEndings());
    }

    [Fact]
    public void Config_is_kept_on_the_loaded_flow_exported_at_the_current_state_version_and_loads_back_equal()
    {
        var loaded = FlowDefinition.Load(
            """
            {"format": 1, "id": "configured",
             "routines": {"old": {"type": "StatefulTotal", "stateVersion": 1, "config": {"sum": 4}},
                          "new": {"type": "StatefulTotal", "stateVersion": 2, "config": {"total": 9, "label": "n"}}},
             "entries": ["old.Add", "new.Add"]}
            """);

        var json = loaded.ToDefinitionJson();
        var again = FlowDefinition.Load(json);

        FlowAssert.Equal(loaded, again);
        using var document = JsonDocument.Parse(json);
        var old = document.RootElement.GetProperty("routines").GetProperty("old");
        Assert.Equal(2, old.GetProperty("stateVersion").GetInt32());
        Assert.Equal(4, old.GetProperty("config").GetProperty("total").GetInt32());
        Assert.False(old.GetProperty("config").TryGetProperty("sum", out _));
        Assert.Equal("n", document.RootElement.GetProperty("routines").GetProperty("new").GetProperty("config").GetProperty("label").GetString());
    }

    [Fact]
    public async Task Every_worker_gets_fresh_instances_that_start_from_the_config()
    {
        var flow = FlowDefinition.Load(
            """
            {"format": 1, "id": "fresh",
             "routines": {"split": {"type": "DefSplitter"}, "total": {"type": "StatefulTotal", "stateVersion": 2, "config": {"total": 100, "label": "chars"}}},
             "connections": [{"from": "split.Length", "to": "total.Add"}],
             "entries": ["split.Text"], "policies": {}}
            """);
        await using var runtime = new Runtime();
        var first = runtime.CreateWorker(flow);
        var second = runtime.CreateWorker(flow);

        var job = await first.RunAsync(flow.Entry<string>("split.Text"), "abcd").AsTask().Within();

        Assert.Equal(JobStatus.Completed, job.Status);
        Assert.Equal(104, first.GetRoutine<StatefulTotal>("total").Total);
        Assert.Equal("chars", first.GetRoutine<StatefulTotal>("total").Label);
        Assert.Equal(100, second.GetRoutine<StatefulTotal>("total").Total);
        Assert.NotSame(first.GetRoutine("total"), second.GetRoutine("total"));
    }

    [Fact]
    public async Task A_loaded_builder_can_be_finished_in_code_with_a_routine_created_by_a_factory()
    {
        var builder = FlowDefinition.LoadBuilder(
            """
            {"format": 1, "id": "finished-in-code",
             "routines": {"total": {"type": "StatefulTotal", "stateVersion": 2, "config": {"total": 1, "label": "sum"}}}}
            """);
        var received = new ConcurrentQueue<string>();
        var sink = builder.Add("sink", () => new Sink<string>(received));
        builder.ConnectByName("total.Total", "sink.In");
        builder.EntryByName("total.Add");
        var flow = builder.Build();

        await using var runtime = new Runtime();
        var job = await runtime.CreateWorker(flow).RunAsync(flow.Entry<int>("total.Add"), 41).AsTask().Within();

        Assert.Equal(JobStatus.Completed, job.Status);
        Assert.Equal(new[] { "sum=42" }, received);
    }

    [Fact]
    public void A_routine_added_with_a_factory_exports_by_its_catalog_name_and_loading_that_says_it_needs_a_constructor()
    {
        var flow = new FlowBuilder("factory");
        var needs = flow.Add("needs", () => new DefNeedsArguments(">"));
        var tally = flow.Add<DefWordTally>("tally");
        flow.Connect(needs.Out(), tally.Word());
        flow.Entry(needs.In());

        var json = flow.Build().ToDefinitionJson();

        Assert.Contains("\"type\": \"DefNeedsArguments\"", json, StringComparison.Ordinal);
        var error = Assert.Throws<FlowValidationException>(() => FlowDefinition.Load(json));
        var problem = Assert.Single(error.Problems);
        Assert.StartsWith("$.routines.needs.type: routine type 'DefNeedsArguments'", problem, StringComparison.Ordinal);
        Assert.Contains("no accessible parameterless constructor", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_generic_routine_cannot_be_exported_and_the_error_names_it()
    {
        var flow = new FlowBuilder("generic");
        var counter = flow.Add<Counter>("counter");
        var sink = flow.Add("sink", () => new Sink<int>(new ConcurrentQueue<int>()));
        flow.Connect(counter.Number(), sink.In());
        flow.Entry(counter.Start());
        var built = flow.Build();

        var error = Assert.Throws<InvalidOperationException>(() => built.ToDefinitionJson());

        Assert.Contains("Flow 'generic'", error.Message, StringComparison.Ordinal);
        Assert.Contains("routine 'sink'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Routilux.Tests.Routines.Sink<Int32>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_retry_on_given_exception_types_cannot_be_exported_and_the_error_names_the_routine()
    {
        var flow = new FlowBuilder("retry-on");
        var split = flow.Add<DefSplitter>("split");
        var tally = flow.Add<DefWordTally>("tally");
        flow.Connect(split.Word(), tally.Word());
        flow.Entry(split.Text());
        flow.OnError(tally, ErrorPolicy.Retry(2, TimeSpan.Zero, retryOn: new[] { typeof(TimeoutException) }));
        var built = flow.Build();

        var error = Assert.Throws<InvalidOperationException>(() => built.ToDefinitionJson());

        Assert.Contains("Routine 'tally' of flow 'retry-on'", error.Message, StringComparison.Ordinal);
        Assert.Contains("TimeoutException", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Entry_gives_the_typed_port_of_an_entry_and_explains_a_wrong_name_type_or_non_entry()
    {
        var flow = FlowDefinition.Load(
            """
            {"format": 1, "id": "ports", "routines": {"split": {"type": "DefSplitter"}, "tally": {"type": "DefWordTally"}},
             "connections": [{"from": "split.Word", "to": "tally.Word"}], "entries": ["split.Text"]}
            """);

        Assert.Equal("split.Text", flow.Entry<string>("split.Text").ToString());
        Assert.Contains("takes String, not Int32", Assert.Throws<ArgumentException>(() => flow.Entry<int>("split.Text")).Message, StringComparison.Ordinal);
        Assert.Contains("slot 'tally.Word' is not an entry", Assert.Throws<ArgumentException>(() => flow.Entry<string>("tally.Word")).Message, StringComparison.Ordinal);
        Assert.Contains("has no slot 'Txt'", Assert.Throws<ArgumentException>(() => flow.Entry<string>("split.Txt")).Message, StringComparison.Ordinal);
        Assert.Contains("Its entries: split.Text", Assert.Throws<ArgumentException>(() => flow.Entry<string>("nope.Text")).Message, StringComparison.Ordinal);
    }
}
