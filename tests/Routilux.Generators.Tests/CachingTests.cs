using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Routilux.Generators.Tests.Infrastructure;
using Xunit;

namespace Routilux.Generators.Tests;

/// <summary>
/// The pipeline reuses its work: edits that do not change a routine's shape must not re-emit it, and no step may
/// hold a symbol, syntax node or compilation (which would keep old compilations alive and defeat caching).
/// </summary>
public sealed class CachingTests
{
    private const string Routine = """
        using System.Threading.Tasks;
        using Routilux;

        namespace Demo;

        /// <summary>Splits lines into words.</summary>
        [Routine]
        public partial class Tokenizer
        {
            [Slot] public void Text(string line) { foreach (var w in line.Split(' ')) Word(w); }
            [Emits] public partial void Word(string word);
            [Emits] public partial ValueTask Pair(int a, int b);
        }
        """;

    private const string Other = "namespace Demo; public class Other { public int Value => 1; }";

    // Refused routines: one gets a placeholder, one also a diagnostic from the generator.
    private const string Refused = """
        namespace Demo;
        [Routilux.Routine] public partial class BadSlot { [Routilux.Slot] public void S(ref int x) { } [Routilux.Emits] public partial void E(int x); }
        [Routilux.Routine] public class Loose { [Routilux.Emits] public partial void E(int x); }
        """;

    [Fact]
    public void RerunOnClonedCompilationIsAllCached()
    {
        var compilation = GeneratorHarness.Compile(new[] { Routine, Other });
        var driver = Driver().RunGenerators(compilation);

        driver = driver.RunGenerators(compilation.Clone());

        var result = driver.GetRunResult().Results.Single();
        foreach (var (name, steps) in OurSteps(result))
        {
            foreach (var output in steps.SelectMany(step => step.Outputs))
            {
                Assert.True(
                    output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    $"Step {name} was {output.Reason} on a re-run with nothing changed.");
            }
        }

        Assert.All(result.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(step => step.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void UnrelatedEditLeavesRoutineCached()
    {
        var result = RunTwice(Other, "namespace Demo; public class Other { public int Value => 2; }", editRoutine: false);

        // ForAttributeWithMetadataName re-runs its transform whenever the compilation changes (it needs a semantic
        // model); the spec comes out equal, so everything after it is reused and nothing is emitted again.
        Assert.Equal(IncrementalStepRunReason.Unchanged, SingleReason(result, TrackingNames.RoutineSpecs));
        Assert.Equal(IncrementalStepRunReason.Cached, SingleReason(result, TrackingNames.ValidRoutines));
        Assert.Equal(IncrementalStepRunReason.Cached, SingleReason(result, TrackingNames.CatalogTypes));
        Assert.All(SourceOutputReasons(result), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
    }

    [Fact]
    public void BodyOnlyEditIsUnchanged()
    {
        var edited = Routine.Replace("line.Split(' ')", "line.Split(',')");

        var result = RunTwice(Routine, edited, editRoutine: true);

        Assert.Equal(IncrementalStepRunReason.Unchanged, SingleReason(result, TrackingNames.RoutineSpecs));
        Assert.Equal(IncrementalStepRunReason.Cached, SingleReason(result, TrackingNames.ValidRoutines));
        Assert.Equal(IncrementalStepRunReason.Cached, SingleReason(result, TrackingNames.CatalogTypes));
        Assert.All(SourceOutputReasons(result), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
    }

    [Fact]
    public void SignatureEditIsModified()
    {
        var edited = Routine.Replace("Pair(int a, int b)", "Pair(int a, long b)");

        var result = RunTwice(Routine, edited, editRoutine: true);

        Assert.Equal(IncrementalStepRunReason.Modified, SingleReason(result, TrackingNames.RoutineSpecs));
        Assert.Equal(IncrementalStepRunReason.Modified, SingleReason(result, TrackingNames.ValidRoutines));

        Assert.Contains(IncrementalStepRunReason.Modified, SourceOutputReasons(result));

        // The catalog only lists type names, which did not change.
        Assert.NotEqual(IncrementalStepRunReason.Modified, SingleReason(result, TrackingNames.CatalogTypes));
    }

    [Fact]
    public void DocSummaryEditIsModified()
    {
        var edited = Routine.Replace("Splits lines into words.", "Splits lines.");

        var result = RunTwice(Routine, edited, editRoutine: true);

        Assert.Equal(IncrementalStepRunReason.Modified, SingleReason(result, TrackingNames.RoutineSpecs));
    }

    [Theory]
    [InlineData("state.Buffered > 3", "state.Buffered > 4", IncrementalStepRunReason.Unchanged)]
    [InlineData("Batch(3)", "Batch(4)", IncrementalStepRunReason.Modified)]
    [InlineData("Batch(3)", "Batch(3, MaxWaitMilliseconds = 5)", IncrementalStepRunReason.Modified)]
    [InlineData("Join]", "Join(Optional = true)]", IncrementalStepRunReason.Modified)]
    [InlineData("private bool Enough", "private static bool Enough", IncrementalStepRunReason.Modified)]
    public void ActivationEditsAreTracked(string before, string after, IncrementalStepRunReason expected)
    {
        const string routine = """
            using System.Collections.Generic;
            using Routilux;

            namespace Demo;

            [Routine]
            public partial class Gate
            {
                [Slot, Batch(3)] public void Rows(IReadOnlyList<int> rows) { }
                [Slot, ActivateWhen(nameof(Enough))] public void Items(IReadOnlyList<int> items) { }
                [Join] public void Match(int order, string payment) { }
                private bool Enough(ActivationState state) => state.Buffered > 3;
            }
            """;

        var result = RunTwice(routine, routine.Replace(before, after), editRoutine: true);

        Assert.Equal(expected, SingleReason(result, TrackingNames.RoutineSpecs));
        if (expected == IncrementalStepRunReason.Unchanged)
        {
            Assert.All(SourceOutputReasons(result), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
        }
    }

    [Fact]
    public void NoStepOutputHoldsCompilerObjects()
    {
        var compilation = GeneratorHarness.Compile(new[] { Routine, Refused, Other });
        var driver = Driver().RunGenerators(compilation);
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Last(),
            CSharpSyntaxTree.ParseText(Other + " ", GeneratorHarness.ParseOptions())));

        var result = driver.GetRunResult().Results.Single();
        var steps = OurSteps(result).ToList();
        Assert.Equal(TrackingNames.All.OrderBy(n => n), steps.Select(s => s.Name).OrderBy(n => n));

        // The refused routines were cached on the second run too: their diagnostics are values, not locations.
        Assert.All(result.TrackedSteps[TrackingNames.RefusedRoutines].SelectMany(run => run.Outputs), output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
        foreach (var (name, runs) in steps)
        {
            foreach (var output in runs.SelectMany(run => run.Outputs))
            {
                var offending = ObjectGraph.FindCompilerObject(output.Value);
                Assert.True(offending is null, $"Step {name} holds {offending}.");
            }
        }
    }

    private static GeneratorDriver Driver() => GeneratorHarness.CreateDriver(GeneratorHarness.ParseOptions());

    /// <summary>Runs on a compilation, then again after replacing one tree's text.</summary>
    private static GeneratorRunResult RunTwice(string before, string after, bool editRoutine)
    {
        var sources = editRoutine ? new[] { before, Other } : new[] { Routine, before };
        var compilation = GeneratorHarness.Compile(sources);
        var driver = Driver().RunGenerators(compilation);

        var tree = compilation.SyntaxTrees.ElementAt(editRoutine ? 0 : 1);
        var edited = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(after, GeneratorHarness.ParseOptions(), tree.FilePath));
        return driver.RunGenerators(edited).GetRunResult().Results.Single();
    }

    private static IncrementalStepRunReason SingleReason(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(run => run.Outputs).Select(output => output.Reason).Single();

    /// <summary>The reasons of the RegisterSourceOutput steps (routine files and the catalog).</summary>
    private static IncrementalStepRunReason[] SourceOutputReasons(GeneratorRunResult result) =>
        result.TrackedOutputSteps.SelectMany(pair => pair.Value).SelectMany(step => step.Outputs).Select(output => output.Reason).ToArray();

    private static IEnumerable<(string Name, IEnumerable<IncrementalGeneratorRunStep> Steps)> OurSteps(GeneratorRunResult result) =>
        result.TrackedSteps
            .Where(pair => TrackingNames.All.Contains(pair.Key))
            .Select(pair => (pair.Key, (IEnumerable<IncrementalGeneratorRunStep>)pair.Value));
}
