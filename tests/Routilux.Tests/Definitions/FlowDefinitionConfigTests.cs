using Routilux.Tests.Routines;

namespace Routilux.Tests.Definitions;

/// <summary>
/// A routine's "config" in a flow definition: its initial state, read with its state serializer into every new
/// instance; keys checked against its state members; older state versions migrated; mistakes named by JSON path.
/// </summary>
public class FlowDefinitionConfigTests
{
    [Fact]
    public void Config_sets_the_state_of_the_instances_the_flow_creates()
    {
        var flow = Load("""{"total": {"type": "StatefulTotal", "stateVersion": 2, "config": {"total": 7, "label": "seven"}}}""", "total.Add");

        var instance = (StatefulTotal)flow.FindRoutine("total")!.CreateInstance();

        Assert.Equal(7, instance.Total);
        Assert.Equal("seven", instance.Label);
        Assert.Empty(instance.Overflow);
    }

    [Fact]
    public void A_config_written_for_an_older_state_version_is_migrated()
    {
        var flow = Load("""{"total": {"type": "StatefulTotal", "stateVersion": 1, "config": {"sum": 3}}}""", "total.Add");

        var instance = (StatefulTotal)flow.FindRoutine("total")!.CreateInstance();

        Assert.Equal(3, instance.Total);
        Assert.Equal("total", instance.Label);
    }

    [Fact]
    public void A_misspelt_key_is_an_error_naming_its_path_and_the_state_members_not_a_member_of_the_overflow_bag()
    {
        var problem = SingleProblem("""{"total": {"type": "StatefulTotal", "stateVersion": 2, "config": {"totl": 7}}}""");

        Assert.Equal("$.routines.total.config.totl: 'totl' is not a state member of routine 'total' (StatefulTotal). Did you mean 'total'? Its state members: total, label.", problem);
    }

    [Fact]
    public void Keys_are_checked_against_the_names_written_for_a_new_instance_when_the_serializer_does_not_list_them()
    {
        var problem = SingleProblem("""{"u": {"type": "UnlistedState", "config": {"nmae": "x"}}}""", entry: "u.In");

        Assert.Equal("$.routines.u.config.nmae: 'nmae' is not a state member of routine 'u' (UnlistedState). Did you mean 'name'? Its state members: name.", problem);
        Assert.Equal("x", ((UnlistedState)Load("""{"u": {"type": "UnlistedState", "config": {"name": "x"}}}""", "u.In").FindRoutine("u")!.CreateInstance()).Name);
    }

    [Fact]
    public void A_value_of_the_wrong_shape_is_reported_when_the_definition_loads_not_when_a_worker_starts()
    {
        var problem = SingleProblem("""{"total": {"type": "StatefulTotal", "stateVersion": 2, "config": {"total": "ten"}}}""");

        Assert.Equal("$.routines.total.config: the config does not fit the state of routine 'total' (StatefulTotal): State member 'total' of StatefulTotal must be an integer, not String.", problem);
    }

    [Fact]
    public void A_routine_without_state_given_a_config_is_an_error_naming_the_path()
    {
        var problem = SingleProblem("""{"split": {"type": "DefSplitter", "config": {"anything": 1}}}""", entry: "split.Text");

        Assert.StartsWith("$.routines.split.config: routine 'split' (DefSplitter) has no saved state ([State] members), so it takes no config.", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_config_that_is_not_an_object_is_an_error()
    {
        var problem = SingleProblem("""{"total": {"type": "StatefulTotal", "stateVersion": 2, "config": [1]}}""");

        Assert.Equal("$.routines.total.config: expected the routine's initial state (a JSON object of its [State] members), found an array.", problem);
    }

    [Fact]
    public void A_routine_past_its_first_state_version_needs_the_config_to_say_its_version()
    {
        var problem = SingleProblem("""{"total": {"type": "StatefulTotal", "config": {"total": 1}}}""");

        Assert.StartsWith("$.routines.total: routine 'total' (StatefulTotal) is at state version 2, so its config must say which version it was written for: add \"stateVersion\": 2", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_state_version_without_a_config_is_an_error()
    {
        var problem = SingleProblem("""{"total": {"type": "StatefulTotal", "stateVersion": 2}}""");

        Assert.StartsWith("$.routines.total.stateVersion: \"stateVersion\" says which state version \"config\" is written for", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_config_for_a_newer_state_version_is_a_serialization_error_naming_both_versions_and_the_flow()
    {
        var error = Assert.Throws<RoutiluxSerializationException>(
            () => Load("""{"total": {"type": "StatefulTotal", "stateVersion": 3, "config": {"total": 1}}}""", "total.Add"));

        Assert.StartsWith(
            "Flow definition 'configured': $.routines.total.stateVersion is 3, but routine type 'StatefulTotal' (Routilux.Tests.Routines.StatefulTotal) is at state version 2 in this build.",
            error.Message,
            StringComparison.Ordinal);
    }

    private static Flow Load(string routines, string entry) =>
        FlowDefinition.Load($$"""{"format": 1, "id": "configured", "routines": {{routines}}, "entries": ["{{entry}}"]}""");

    private static string SingleProblem(string routines, string entry = "total.Add") =>
        Assert.Single(Assert.Throws<FlowValidationException>(() => Load(routines, entry)).Problems);
}
