using Routilux.Tests.Routines;

namespace Routilux.Tests.Definitions;

/// <summary>
/// Every kind of mistake in a flow definition, each reported with its JSON path: structural ones as a
/// FlowValidationException listing them all, document-level ones (JSON, format) as a RoutiluxSerializationException.
/// </summary>
public class FlowDefinitionErrorTests
{
    private const string TwoRoutines = """
        "routines": {"split": {"type": "DefSplitter"}, "tally": {"type": "DefWordTally"}}
        """;

    [Fact]
    public void An_unknown_routine_type_names_its_path_a_close_match_and_the_known_types()
    {
        var problem = SingleProblem("""
            {"format": 1, "id": "f", "routines": {"split": {"type": "DefSpliter"}}, "entries": ["split.Text"]}
            """);

        Assert.StartsWith("$.routines.split.type: no routine type named 'DefSpliter' is registered", problem, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'DefSplitter'?", problem, StringComparison.Ordinal);
        Assert.Contains("Known routine types: ", problem, StringComparison.Ordinal);
        Assert.Contains("DefWordTally", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_slot_names_the_connection_the_routine_and_its_slots()
    {
        var problem = SingleProblem($$"""
            {"format": 1, "id": "f", {{TwoRoutines}},
             "connections": [{"from": "split.Word", "to": "tally.Word"}, {"from": "split.Word", "to": "tally.Wrd"}], "entries": ["split.Text"]}
            """);

        Assert.Equal("$.connections[1].to: routine 'tally' (DefWordTally) has no slot 'Wrd'. Did you mean 'Word'? Its slots: Word, Reset.", problem);
    }

    [Fact]
    public void An_unknown_event_and_an_unknown_routine_in_a_reference_name_their_paths()
    {
        var error = Problems($$"""
            {"format": 1, "id": "f", {{TwoRoutines}},
             "connections": [{"from": "split.Words", "to": "tally.Word"}, {"from": "splitter.Word", "to": "tally.Word"}, {"from": "split", "to": "tally.Word"}],
             "entries": ["split.Text"]}
            """);

        Assert.Equal(
            new[]
            {
                "$.connections[0].from: routine 'split' (DefSplitter) has no event 'Words'. Did you mean 'Word'? Its events: Word, Length.",
                "$.connections[1].from: no routine 'splitter' in this flow. Did you mean 'split'? Its routines: split, tally.",
                "$.connections[2].from: 'split' is not a reference to an event; write \"routineId.EventName\".",
            },
            error.Problems);
    }

    [Fact]
    public void Connected_ports_of_different_payload_types_are_reported_with_both_types()
    {
        var problem = SingleProblem($$"""
            {"format": 1, "id": "f", {{TwoRoutines}},
             "connections": [{"from": "split.Length", "to": "tally.Word"}], "entries": ["split.Text"]}
            """);

        Assert.StartsWith("$.connections[0]: cannot connect 'split.Length' (Int32) to 'tally.Word' (String): the payload types differ.", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_routine_id_and_a_duplicate_connection_are_reported()
    {
        var error = Problems("""
            {"format": 1, "id": "f",
             "routines": {"split": {"type": "DefSplitter"}, "tally": {"type": "DefWordTally"}, "tally": {"type": "DefSplitter"}},
             "connections": [{"from": "split.Word", "to": "tally.Word"}, {"from": "split.Word", "to": "tally.Word"}], "entries": ["split.Text"]}
            """);

        Assert.Equal(
            new[]
            {
                "$.routines.tally: the key 'tally' appears twice in the routines by id; keep one.",
                "$.connections[1]: connects 'split.Word' to 'tally.Word' again (as $.connections[0] does); each message would be delivered twice. Remove one.",
            },
            error.Problems);
        Assert.Equal("f", error.FlowId);
    }

    [Fact]
    public void A_missing_or_empty_entry_list_is_reported_by_Load_and_left_to_Build_by_LoadBuilder()
    {
        const string withoutEntries = """{"format": 1, "id": "f", "routines": {"split": {"type": "DefSplitter"}}}""";

        Assert.StartsWith("$.entries: the flow has no entry slot", SingleProblem(withoutEntries), StringComparison.Ordinal);
        Assert.StartsWith("$.entries: the flow has no entry slot", SingleProblem("""{"format": 1, "id": "f", "routines": {"split": {"type": "DefSplitter"}}, "entries": []}"""), StringComparison.Ordinal);
        var builder = FlowDefinition.LoadBuilder(withoutEntries);
        Assert.Contains("no entry slot", Assert.Throws<FlowValidationException>(() => builder.Build()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_naming_a_missing_slot_is_reported_once_at_its_path()
    {
        var problem = SingleProblem("""{"format": 1, "id": "f", "routines": {"split": {"type": "DefSplitter"}}, "entries": ["split.Txt"]}""");

        Assert.Equal("$.entries[0]: routine 'split' (DefSplitter) has no slot 'Txt'. Did you mean 'Text'? Its slots: Text.", problem);
    }

    [Fact]
    public void An_unconnected_slot_is_reported_with_what_to_do()
    {
        var problem = SingleProblem($$"""{"format": 1, "id": "f", {{TwoRoutines}}, "entries": ["split.Text"]}""");

        Assert.StartsWith("$.connections: slot 'tally.Word' is not connected and is not an entry", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"slots": {"tally.Word": {"whenFull": "explode"}}}""", "$.policies.slots['tally.Word'].whenFull: 'explode' is not a queue policy. Use one of: wait, fail, dropOldest, dropNewest.")]
    [InlineData("""{"slots": {"tally.Word": {"capacity": 0}}}""", "$.policies.slots['tally.Word'].capacity: the queue capacity is 0; use 1 or more.")]
    [InlineData("""{"slots": {"tally.Word": {"capacity": "10"}}}""", "$.policies.slots['tally.Word'].capacity: expected the queue capacity (an integer), found \"10\".")]
    [InlineData("""{"slots": {"tally.Wrd": {"capacity": 10}}}""", "$.policies.slots['tally.Wrd']: routine 'tally' (DefWordTally) has no slot 'Wrd'. Did you mean 'Word'? Its slots: Word, Reset.")]
    [InlineData("""{"slots": {"tally.Word": {"size": 10}}}""", "$.policies.slots['tally.Word'].size: a slot's policies has no member 'size'. Its members: capacity, whenFull.")]
    [InlineData("""{"onError": "retyr"}""", "$.policies.onError: 'retyr' is not an error strategy. Did you mean 'retry'? Use one of: stop, continue, skip, retry.")]
    [InlineData("""{"onError": "retry"}""", "$.policies.onError: a retry needs its settings; write {\"strategy\": \"retry\", \"maxRetries\": 3, \"delayMs\": 100}.")]
    [InlineData("""{"onError": {"strategy": "retry", "maxRetries": -1}}""", "$.policies.onError.maxRetries: the number of retries is -1; use 0 or more.")]
    [InlineData("""{"onError": {"strategy": "retry"}}""", "$.policies.onError: a retry policy needs \"maxRetries\", the number of retries after the first run (0 or more).")]
    [InlineData("""{"onError": {"strategy": "retry", "maxRetries": 1, "backoff": 0.5}}""", "$.policies.onError.backoff: the backoff factor is 0.5; use 1 or more.")]
    [InlineData("""{"onError": {"strategy": "retry", "maxRetries": 1, "delayMs": 50, "maxDelayMs": 10}}""", "$.policies.onError.maxDelayMs: the longest delay (10 ms) is shorter than the first delay (50 ms); make it at least 50.")]
    [InlineData("""{"onError": {"strategy": "retry", "maxRetries": 1, "then": "retry"}}""", "$.policies.onError.then: 'retry' is not what applies after the last retry. Use one of: stop, continue, skip.")]
    [InlineData("""{"onError": {"strategy": "retry", "maxRetries": 1, "retryOn": ["TimeoutException"]}}""", "$.policies.onError.retryOn: a retry policy has no member 'retryOn'. Its members: strategy, maxRetries, delayMs, backoff, maxDelayMs, then.")]
    [InlineData("""{"onError": {"strategy": "skip", "maxRetries": 1}}""", "$.policies.onError.maxRetries: an error policy has no member 'maxRetries'. Its members: strategy.")]
    [InlineData("""{"onError": 3}""", "$.policies.onError: expected an error policy (\"stop\", \"continue\", \"skip\" or a retry object), found 3.")]
    [InlineData("""{"routines": {"talley": {"onError": "skip"}}}""", "$.policies.routines.talley: no routine 'talley' in this flow. Did you mean 'tally'? Its routines: split, tally.")]
    [InlineData("""{"routines": {"tally": {"onErr": "skip"}}}""", "$.policies.routines.tally.onErr: a routine's policies has no member 'onErr'. Did you mean 'onError'? Its members: onError.")]
    public void A_bad_policy_value_names_its_path_and_what_is_allowed(string policies, string expected)
    {
        var problem = SingleProblem($$"""
            {"format": 1, "id": "f", {{TwoRoutines}},
             "connections": [{"from": "split.Word", "to": "tally.Word"}], "entries": ["split.Text"], "policies": {{policies}}}
            """);

        Assert.Equal(expected, problem);
    }

    [Fact]
    public void Unknown_members_and_wrong_shapes_are_errors_rather_than_ignored()
    {
        var error = Problems("""
            {"format": 1, "id": "f", "routines": {"split": {"type": "DefSplitter", "typo": 1}, "a.b": {"type": "DefWordTally"}},
             "conections": [], "entries": "split.Text"}
            """);

        Assert.Equal(
            new[]
            {
                "$.conections: a flow definition has no member 'conections'. Did you mean 'connections'? Its members: format, id, routines, connections, entries, policies.",
                "$.routines.split.typo: a routine has no member 'typo'. Did you mean 'type'? Its members: type, stateVersion, config.",
                "$.routines['a.b']: 'a.b' is not a routine id: ids are non-empty and have no '.', which separates routine and port in \"routine.Port\" references.",
                "$.entries: expected the entry slots (a JSON array), found \"split.Text\".",
            },
            error.Problems);
    }

    [Fact]
    public void A_missing_id_and_missing_routines_are_reported_and_the_flow_is_called_by_a_placeholder()
    {
        var error = Problems("""{"format": 1, "entries": []}""");

        Assert.Equal("(no id)", error.FlowId);
        Assert.Contains(error.Problems, p => p.StartsWith("$.id: missing", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("$.routines: missing", StringComparison.Ordinal));
    }

    [Fact]
    public void Several_problems_are_reported_together_each_with_its_path()
    {
        var error = Problems("""
            {"format": 1, "id": "many", "routines": {"split": {"type": "Nope"}, "tally": {"type": "DefWordTally"}},
             "connections": [{"from": "split.Word", "to": "tally.Wrd"}], "entries": ["split.Text"],
             "policies": {"slots": {"tally.Word": {"whenFull": "never"}}}}
            """);

        Assert.Equal(3, error.Problems.Count);
        Assert.StartsWith("$.routines.split.type:", error.Problems[0], StringComparison.Ordinal);
        Assert.StartsWith("$.connections[0].to:", error.Problems[1], StringComparison.Ordinal);
        Assert.StartsWith("$.policies.slots['tally.Word'].whenFull:", error.Problems[2], StringComparison.Ordinal);
        Assert.StartsWith("Flow 'many' is not valid (3 problems):", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_format_names_the_flow_and_the_version_to_write()
    {
        var error = Assert.Throws<RoutiluxSerializationException>(() => FlowDefinition.Load("""{"id": "no-format", "routines": {}}"""));

        Assert.Equal(
            "Flow definition 'no-format' has no \"format\" member, so the version of its shape is unknown. Documents Routilux writes start with it; " +
            "if this one was written by hand for this version of Routilux, add \"format\": 1 as its first member.",
            error.Message);
    }

    [Fact]
    public void A_newer_format_names_both_versions_and_the_flow()
    {
        var error = Assert.Throws<RoutiluxSerializationException>(() => FlowDefinition.Load("""{"format": 2, "id": "from-the-future", "routines": {}, "shiny": true}"""));

        Assert.StartsWith(
            "Flow definition 'from-the-future' is written in format 2, but this version of Routilux reads formats 1 to 1. Upgrade the Routilux package",
            error.Message,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"1\"")]
    [InlineData("1.5")]
    [InlineData("null")]
    [InlineData("[1]")]
    [InlineData("99999999999")]
    public void A_format_that_is_not_an_integer_is_a_clear_error(string format)
    {
        var error = Assert.Throws<RoutiluxSerializationException>(() => FlowDefinition.Load($$$"""{"format": {{{format}}}, "id": "odd", "routines": {}}"""));

        Assert.StartsWith($"Flow definition 'odd' has \"format\": {format}, which is not an integer version.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_format_below_1_is_a_clear_error()
    {
        var error = Assert.Throws<RoutiluxSerializationException>(() => FlowDefinition.Load("""{"format": 0, "id": "zero"}"""));

        Assert.Contains("'zero' has \"format\": 0, which no version of Routilux writes", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"format": 1, "id": "f",""", "line 1")]
    [InlineData("{\n  \"format\": 1,\n  \"id\": 'f'\n}", "line 3")]
    [InlineData("", "line 1")]
    public void Bad_json_is_a_serialization_error_with_its_position(string json, string position)
    {
        var error = Assert.Throws<RoutiluxSerializationException>(() => FlowDefinition.Load(json));

        Assert.StartsWith("The flow definition is not valid JSON (" + position, error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<System.Text.Json.JsonException>(error.InnerException);
    }

    [Fact]
    public void A_document_that_is_not_an_object_is_a_serialization_error()
    {
        var error = Assert.Throws<RoutiluxSerializationException>(() => FlowDefinition.Load("[1, 2]"));

        Assert.StartsWith("The flow definition is an array, not a JSON object", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Comments_and_trailing_commas_are_allowed_in_hand_written_definitions()
    {
        var flow = FlowDefinition.Load("""
            {
              // a comment
              "format": 1, "id": "lenient",
              "routines": { "split": { "type": "DefSplitter", }, },
              "entries": [ "split.Text", ],
            }
            """);

        Assert.True(flow.FindRoutine("split")!.IsEntry(0));
    }

    private static FlowValidationException Problems(string json) => Assert.Throws<FlowValidationException>(() => FlowDefinition.Load(json));

    private static string SingleProblem(string json) => Assert.Single(Problems(json).Problems);
}
