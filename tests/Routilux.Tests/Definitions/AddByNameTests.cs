using Routilux.Tests.Routines;

namespace Routilux.Tests.Definitions;

/// <summary>FlowBuilder.Add(id, routineName): routines added by their catalog name, wired by name.</summary>
public class AddByNameTests
{
    [Fact]
    public async Task A_routine_added_by_catalog_name_or_full_type_name_is_wired_by_name_and_runs()
    {
        var flow = new FlowBuilder("by-name");
        var split = flow.Add("split", "DefSplitter");
        var tally = flow.Add("tally", "Routilux.Tests.Routines.DefWordTally");
        flow.ConnectByName(split.Event("Word"), tally.Slot("Word"));
        flow.EntryByName(split.Slot("Text"));
        flow.OnError(tally, ErrorPolicy.Skip);
        flow.SetCapacityByName(tally.Slot("Word"), 3);
        flow.SetQueuePolicyByName(tally.Slot("Word"), QueueFullPolicy.DropOldest);
        var built = flow.Build();

        Assert.Same(RoutineCatalog.Get("DefWordTally"), tally.Descriptor);
        Assert.Equal("tally", tally.Id);
        Assert.Equal(ErrorStrategy.Skip, built.FindRoutine("tally")!.ErrorPolicy.Strategy);
        Assert.Equal((3, QueueFullPolicy.DropOldest), (built.FindRoutine("tally")!.GetCapacity(0), built.FindRoutine("tally")!.GetQueuePolicy(0)));

        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(built);
        var job = await worker.RunAsync(built.Entry<string>("split.Text"), "one two three").AsTask().Within();
        Assert.Equal(JobStatus.Completed, job.Status);
        Assert.Equal(3, worker.GetRoutine<DefWordTally>("tally").Count);
    }

    [Fact]
    public void An_unknown_name_throws_with_close_matches_and_the_known_names()
    {
        var flow = new FlowBuilder("unknown");

        var error = Assert.Throws<ArgumentException>(() => flow.Add("tally", "DefWordTaly"));

        Assert.StartsWith("Cannot add routine 'tally' to flow 'unknown' by name: no routine type named 'DefWordTaly' is registered", error.Message, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'DefWordTally'?", error.Message, StringComparison.Ordinal);
        Assert.Contains("Known routine types: ", error.Message, StringComparison.Ordinal);
        Assert.Equal("routineName", error.ParamName);
    }

    [Fact]
    public void A_name_two_routine_types_share_asks_for_the_full_name()
    {
        var error = Assert.Throws<ArgumentException>(() => new FlowBuilder("twins").Add("twin", "Twin"));

        Assert.Contains(
            "several routine types are named 'Twin' (Routilux.Tests.Routines.Ambiguity.First.Twin, Routilux.Tests.Routines.Ambiguity.Second.Twin); use the full type name",
            error.Message,
            StringComparison.Ordinal);
        Assert.Equal(typeof(Routines.Ambiguity.First.Twin), new FlowBuilder("twins").Add("twin", "Routilux.Tests.Routines.Ambiguity.First.Twin").Descriptor.RoutineType);
    }

    [Fact]
    public void A_routine_without_a_parameterless_constructor_is_reported_by_Build()
    {
        var flow = new FlowBuilder("needs-arguments");
        var needs = flow.Add("needs", "DefNeedsArguments");
        flow.EntryByName(needs.Slot("In"));

        var error = Assert.Throws<FlowValidationException>(() => flow.Build());

        var problem = Assert.Single(error.Problems);
        Assert.StartsWith("Routine 'needs' (Routilux.Tests.Routines.DefNeedsArguments) has no accessible parameterless constructor, so it cannot be created by name.", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_port_names_on_a_by_name_handle_are_reported_by_Build_with_the_known_ports()
    {
        var flow = new FlowBuilder("wrong-ports");
        var split = flow.Add("split", "DefSplitter");
        var tally = flow.Add("tally", "DefWordTally");
        flow.ConnectByName(split.Event("Wrd"), tally.Slot("Word"));
        flow.EntryByName(split.Slot("Text"));

        var problem = Assert.Single(Assert.Throws<FlowValidationException>(() => flow.Build()).Problems);

        Assert.Contains("has no such event. Its events: Word, Length.", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_handle_of_another_builder_is_a_problem_and_a_default_handle_throws()
    {
        var other = new FlowBuilder("other").Add("tally", "DefWordTally");
        var flow = new FlowBuilder("mine");
        var split = flow.Add("split", "DefSplitter");
        var tally = flow.Add("tally", "DefWordTally");
        flow.ConnectByName(split.Event("Word"), tally.Slot("Word")).EntryByName(split.Slot("Text"));
        flow.OnError(other, ErrorPolicy.Skip);

        Assert.Contains("OnError was given routine 'tally' of flow 'other', not of flow 'mine'.", Assert.Throws<FlowValidationException>(() => flow.Build()).Problems);
        Assert.Throws<InvalidOperationException>(() => default(RoutineHandle).Slot("In"));
        Assert.Equal("(none)", default(RoutineHandle).ToString());
    }
}
