using System.IO;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Routilux.Tests.Routines;

namespace Routilux.Tests.Definitions;

/// <summary>
/// Golden documents: flow definitions of each released format, committed under Golden/, must keep loading into the
/// same flow. A change that breaks them breaks users' committed definitions; add a format version instead.
/// </summary>
public class FlowDefinitionGoldenTests
{
    private const string UpdateVariable = "ROUTILUX_UPDATE_SNAPSHOTS";

    [Fact]
    public void The_v1_definition_loads_into_the_expected_flow()
    {
        var flow = FlowDefinition.Load(Golden("flow-definition.v1.json"));

        Assert.Equal("golden-words", flow.Id);
        Assert.Equal(new[] { "split", "tally", "total", "legacy" }, flow.Routines.Select(r => r.Id));
        Assert.Equal(
            new[] { typeof(DefSplitter), typeof(DefWordTally), typeof(StatefulTotal), typeof(StatefulTotal) },
            flow.Routines.Select(r => r.Descriptor.RoutineType));
        Assert.Equal(
            new[] { "split.Word -> tally.Word", "split.Length -> total.Add", "tally.Counted -> legacy.Add" },
            flow.Connections.Select(c => c.ToString()));
        Assert.True(flow.FindRoutine("split")!.IsEntry(0));
        Assert.False(flow.FindRoutine("tally")!.IsEntry(0));

        FlowAssert.PolicyEqual(
            ErrorPolicy.Retry(2, TimeSpan.FromTicks(15_000), 3, TimeSpan.FromMilliseconds(40), then: ErrorPolicy.Continue), flow.FlowErrorPolicy!, "the flow");
        Assert.Equal(ErrorStrategy.Stop, flow.FindRoutine("split")!.ErrorPolicy.Strategy);
        Assert.Equal(ErrorStrategy.Skip, flow.FindRoutine("tally")!.ErrorPolicy.Strategy);
        Assert.Equal(ErrorStrategy.Continue, flow.FindRoutine("total")!.ErrorPolicy.Strategy);
        FlowAssert.PolicyEqual(ErrorPolicy.Retry(0, TimeSpan.Zero), flow.FindRoutine("legacy")!.ErrorPolicy, "legacy");

        var tally = flow.FindRoutine("tally")!;
        Assert.Equal((64, QueueFullPolicy.DropOldest), (tally.GetCapacity(0), tally.GetQueuePolicy(0)));
        Assert.Equal((SlotDescriptor.DefaultCapacity, QueueFullPolicy.Wait), (tally.GetCapacity(1), tally.GetQueuePolicy(1)));
        Assert.Equal((5, QueueFullPolicy.Wait), (flow.FindRoutine("total")!.GetCapacity(0), flow.FindRoutine("total")!.GetQueuePolicy(0)));
        Assert.Equal((SlotDescriptor.DefaultCapacity, QueueFullPolicy.DropNewest), (flow.FindRoutine("legacy")!.GetCapacity(0), flow.FindRoutine("legacy")!.GetQueuePolicy(0)));

        var total = (StatefulTotal)flow.FindRoutine("total")!.CreateInstance();
        var legacy = (StatefulTotal)flow.FindRoutine("legacy")!.CreateInstance();
        Assert.Equal((10, "letters"), (total.Total, total.Label));
        Assert.Equal((5, "words"), (legacy.Total, legacy.Label));
    }

    [Fact]
    public async Task The_v1_definition_runs()
    {
        var flow = FlowDefinition.Load(Golden("flow-definition.v1.json"));
        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow);

        var job = await worker.RunAsync(flow.Entry<string>("split.Text"), "to be or not").AsTask().Within();

        Assert.Equal(JobStatus.Completed, job.Status);
        Assert.Equal(4, worker.GetRoutine<DefWordTally>("tally").Count);
        Assert.Equal(10 + 12, worker.GetRoutine<StatefulTotal>("total").Total);
        Assert.Equal(5 + 1 + 2 + 3 + 4, worker.GetRoutine<StatefulTotal>("legacy").Total);
    }

    /// <summary>What this build writes for the golden flow: a change to the writer shows here as a diff to review.</summary>
    [Fact]
    public void The_v1_definition_exports_as_its_snapshot_which_loads_back_equal()
    {
        var flow = FlowDefinition.Load(Golden("flow-definition.v1.json"));
        var actual = flow.ToDefinitionJson().ReplaceLineEndings("\n") + "\n";
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(Path.Combine(SourceDirectory(), "..", "Golden", "flow-definition.v1.export.json"), actual);
            return;
        }

        var expected = Golden("flow-definition.v1.export.json").ReplaceLineEndings("\n");
        Assert.True(
            expected == actual,
            "The export differs from tests/Routilux.Tests/Golden/flow-definition.v1.export.json. If the change is intended (and still format 1), " +
            $"update it with `{UpdateVariable}=1 dotnet test tests/Routilux.Tests --filter FullyQualifiedName~FlowDefinitionGolden`, review the diff and commit it.\n" +
            $"Expected:\n{expected}\nActual:\n{actual}");
        FlowAssert.Equal(flow, FlowDefinition.Load(expected));
    }

    [Fact]
    public void Every_json_document_Routilux_writes_starts_with_its_format()
    {
        var flow = FlowDefinition.Load(Golden("flow-definition.v1.json"));

        foreach (var (json, version) in new[] { (flow.ToDefinitionJson(), FlowDefinition.FormatVersion), (flow.Describe().ToJson(), FlowDescription.FormatVersion) })
        {
            using var document = JsonDocument.Parse(json);
            var first = document.RootElement.EnumerateObject().First();
            Assert.Equal(("format", version), (first.Name, first.Value.GetInt32()));
        }
    }

    private static string Golden(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", file));

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
