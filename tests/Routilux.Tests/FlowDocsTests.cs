using System.IO;
using System.Text.Json;
using Routilux.Tests.Routines;

namespace Routilux.Tests;

/// <summary>
/// The documented flow description (docs/flow-description.md, whose example must be what <see cref="FlowDescription.ToJson"/>
/// writes) and the Markdown docs of a flow and of a routine type (snapshots in Snapshots/).
/// </summary>
public class FlowDocsTests
{
    private const string ExampleStart = "<!-- example: FlowDocsTests.WordStats, written by FlowDescription.ToJson -->";
    private const string ExampleEnd = "<!-- end of example -->";

    /// <summary>
    /// The flow of docs/flow-description.md: an entry, a fan-out, generic, array and batch payloads, and an error
    /// policy from each place one comes from (the flow, a routine in the flow, a routine's attribute).
    /// </summary>
    internal static Flow WordStats()
    {
        var flow = new FlowBuilder("word-stats");
        var reader = flow.Add<WordSplitter>("reader");
        var letters = flow.Add<LetterCounts>("letter-counts");
        var total = flow.Add<WordTotal>("word-total");
        var longWords = flow.Add<LongWords>("long-words");
        var report = flow.Add<Tally<Dictionary<string, int>>>("report");
        var kept = flow.Add<Tally<string>>("kept");
        flow.Connect(reader.Words(), letters.In()).Connect(reader.Words(), total.In()).Connect(reader.Words(), longWords.In())
            .Connect(letters.Counts(), report.In()).Connect(longWords.Word(), kept.In());
        flow.Entry(reader.Text());
        flow.OnError(ErrorPolicy.Continue);
        flow.OnError(letters, ErrorPolicy.Retry(3, TimeSpan.FromMilliseconds(10), retryOn: new[] { typeof(TimeoutException) }, then: ErrorPolicy.Skip));
        flow.SetCapacity(total.In(), 16).SetQueuePolicy(total.In(), QueueFullPolicy.DropOldest);
        return flow.Build();
    }

    [Fact]
    public void The_example_in_docs_flow_description_md_is_what_ToJson_writes_for_its_flow()
    {
        var path = Path.Combine(SnapshotFile.RepositoryRoot, "docs", "flow-description.md");
        var doc = File.ReadAllText(path);
        var start = doc.IndexOf(ExampleStart, StringComparison.Ordinal);
        var end = doc.IndexOf(ExampleEnd, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"docs/flow-description.md lost its example markers '{ExampleStart}' ... '{ExampleEnd}'.");
        var body = start + ExampleStart.Length;
        var actual = "\n```json\n" + WordStats().Describe().ToJson() + "\n```\n";
        if (SnapshotFile.Updating)
        {
            File.WriteAllText(path, doc[..body] + actual + doc[end..]);
            return;
        }

        var expected = doc[body..end];
        Assert.True(
            expected == actual,
            "The example in docs/flow-description.md differs from what FlowDescription.ToJson writes. If the change is intended, update the doc with " +
            $"`{SnapshotFile.UpdateVariable}=1 dotnet test tests/Routilux.Tests --filter FullyQualifiedName~FlowDocsTests`, check that its prose " +
            $"still describes the format (bump FlowDescription.FormatVersion if an existing member changed), and commit it.\nExpected:{expected}\nActual:{actual}");
    }

    [Fact]
    public void A_known_flow_writes_its_markdown_docs_as_the_snapshot()
    {
        SnapshotFile.AssertMatches("word-stats.md", WordStats().Describe().ToMarkdown(), nameof(FlowDocsTests));
    }

    [Fact]
    public void A_routine_type_writes_its_markdown_docs_as_the_snapshot()
    {
        Assert.True(RoutineCatalog.TryGet("LongWords", out var descriptor));
        SnapshotFile.AssertMatches("long-words.md", descriptor.ToMarkdown(), nameof(FlowDocsTests));
    }

    [Fact]
    public void The_markdown_ends_lines_with_a_line_feed_only_and_is_the_same_between_calls()
    {
        var markdown = WordStats().Describe().ToMarkdown();
        Assert.DoesNotContain('\r', markdown);
        Assert.EndsWith("\n", markdown, StringComparison.Ordinal);
        Assert.Equal(markdown, WordStats().Describe().ToMarkdown());
    }

    [Fact]
    public void The_description_names_types_fully_and_carries_parameters_summaries_and_where_each_error_policy_comes_from()
    {
        using var json = JsonDocument.Parse(WordStats().Describe().ToJson());
        var root = json.RootElement;
        var routines = root.GetProperty("routines");
        Assert.Equal("continue", root.GetProperty("onError").GetString());

        var reader = routines.GetProperty("reader");
        Assert.Equal("Routilux.Tests.Routines.WordSplitter", reader.GetProperty("class").GetString());
        Assert.Equal(("continue", "flow"), (reader.GetProperty("onError").GetString(), reader.GetProperty("onErrorFrom").GetString()));
        var text = reader.GetProperty("slots").GetProperty("Text");
        Assert.Equal("System.String", text.GetProperty("payload").GetString());
        Assert.Equal(new[] { "line" }, text.GetProperty("parameters").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("A line of text; runs of spaces separate words.", text.GetProperty("summary").GetString());
        Assert.Equal("immediate", text.GetProperty("activation").GetString());
        Assert.Equal("System.String[]", reader.GetProperty("events").GetProperty("Words").GetProperty("payload").GetString());

        var retry = routines.GetProperty("letter-counts").GetProperty("onError");
        Assert.Equal(("retry", 3, 10.0, "skip"), (retry.GetProperty("strategy").GetString(), retry.GetProperty("maxRetries").GetInt32(), retry.GetProperty("delayMs").GetDouble(), retry.GetProperty("then").GetString()));
        Assert.Equal("System.TimeoutException", retry.GetProperty("retryOn")[0].GetString());
        Assert.Equal("routine", routines.GetProperty("letter-counts").GetProperty("onErrorFrom").GetString());
        Assert.Equal(
            "System.Collections.Generic.Dictionary<System.String, System.Int32>",
            routines.GetProperty("letter-counts").GetProperty("events").GetProperty("Counts").GetProperty("payload").GetString());

        var longWords = routines.GetProperty("long-words");
        Assert.Equal(("skip", "attribute"), (longWords.GetProperty("onError").GetString(), longWords.GetProperty("onErrorFrom").GetString()));
        var batch = longWords.GetProperty("slots").GetProperty("In").GetProperty("activation");
        Assert.Equal(("batch", 8, 50.0), (batch.GetProperty("kind").GetString(), batch.GetProperty("size").GetInt32(), batch.GetProperty("maxWaitMs").GetDouble()));

        var slot = routines.GetProperty("word-total").GetProperty("slots").GetProperty("In");
        Assert.Equal((16, "dropOldest", ""), (slot.GetProperty("capacity").GetInt32(), slot.GetProperty("whenFull").GetString(), slot.GetProperty("summary").GetString()));
        Assert.Equal(
            "Routilux.Tests.Routines.Tally<System.Collections.Generic.Dictionary<System.String, System.Int32>>",
            routines.GetProperty("report").GetProperty("class").GetString());
        Assert.Equal(new[] { "long-words" }, root.GetProperty("dependencies").GetProperty("kept").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void A_join_slot_names_the_slots_it_runs_with()
    {
        var flow = new FlowBuilder("join");
        var pairer = flow.Add("pairer", () => new Pairer(new System.Collections.Concurrent.ConcurrentQueue<string>()));
        flow.Entry(pairer.Left()).Entry(pairer.Right());

        using var json = JsonDocument.Parse(flow.Build().Describe().ToJson());
        var slots = json.RootElement.GetProperty("routines").GetProperty("pairer").GetProperty("slots");
        foreach (var name in new[] { "Left", "Right" })
        {
            Assert.Equal("allSlotsReady", slots.GetProperty(name).GetProperty("activation").GetString());
            Assert.Equal(new[] { "Left", "Right" }, slots.GetProperty(name).GetProperty("join").EnumerateArray().Select(e => e.GetString()));
        }

        Assert.DoesNotContain('\r', flow.Build().Describe().ToJson());
    }

    [Theory]
    [InlineData(typeof(int), "System.Int32")]
    [InlineData(typeof(string[]), "System.String[]")]
    [InlineData(typeof(int[,]), "System.Int32[,]")]
    [InlineData(typeof(List<int>[]), "System.Collections.Generic.List<System.Int32>[]")]
    [InlineData(typeof(int?), "System.Nullable<System.Int32>")]
    [InlineData(typeof((int, string)), "System.ValueTuple<System.Int32, System.String>")]
    [InlineData(typeof(Dictionary<string, List<int>>.Enumerator), "System.Collections.Generic.Dictionary<System.String, System.Collections.Generic.List<System.Int32>>.Enumerator")]
    [InlineData(typeof(Outer<int>.Inner<string>), "Routilux.Tests.FlowDocsTests.Outer<System.Int32>.Inner<System.String>")]
    [InlineData(typeof(List<>), "System.Collections.Generic.List<T>")]
    public void Full_type_names_are_qualified_in_csharp_syntax(Type type, string expected) => Assert.Equal(expected, TypeNames.Full(type));

    internal static class Outer<T>
    {
        internal static class Inner<TInner>
        {
        }
    }
}
