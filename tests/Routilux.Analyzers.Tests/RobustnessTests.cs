using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Routilux.Analyzers.Declarations;
using Routilux.Analyzers.Policies;
using Routilux.Analyzers.Tests.Infrastructure;
using Routilux.Analyzers.Wiring;
using Xunit;

namespace Routilux.Analyzers.Tests;

/// <summary>
/// Analyzers never throw: on code that is half typed or broken, every analyzer runs to the end (the test assembly
/// makes their guard rethrow, so a failure would surface here as AD0001).
/// </summary>
public sealed class RobustnessTests
{
    [Theory]
    [InlineData("[Routine] public partial class Broken { [Slot] public void S(Missing m) { } [Emits] public partial void E(")]
    [InlineData("[Routine] public partial class Broken { [Slot] public void S(int x, ) { } }")]
    [InlineData("[Routine] public partial class Broken<T> where T : Missing { [Slot] public void S(T x) { } [Emits] public partial void E(Missing<T> m); }")]
    [InlineData("[Routine(Name = 42)] public partial class Broken { [Slot(Capacity = \"x\")] public void S(int x) { } }")]
    [InlineData("[Routine] partial class")]
    [InlineData("[Routine] public partial class Broken { [Join] public void J(int, int b) { } }")]
    [InlineData("[Routine] public partial class Broken { [Slot, Batch(\"x\")] public void S(IReadOnlyList<int> x) { } }")]
    [InlineData("[Routine] public partial class Broken { [Slot, Interval] public void S(IReadOnlyList<int> x) { } }")]
    [InlineData("[Routine, OnError(ErrorStrategy.Retry, MaxRetries = \"many\", RetryOn = new[] { typeof(Missing) })] public partial class Broken { }")]
    [InlineData("[Routine] public partial class A { [Slot] public void S(int x) { } } public static class W { public static void M() { var flow = new FlowBuilder(\"f\"); var a = flow.Add<A>(\"a\"); flow.Connect(a.Missing(), ); flow.Build(); } }")]
    [InlineData("[Routine] public partial class A { [Slot] public void S(int x) { } } public static class W { public static void M() { var flow = new FlowBuilder(); flow.Add<Missing>(\"a\"); flow.Connect(\"a.\", null); flow.Entry(default); flow.Build(); } }")]
    [InlineData("public static class W { public static void M() { var flow = new FlowBuilder(\"f\"); flow.Add<int>(\"a\"); flow.Connect(\".x\", \"a.\"); flow.Build(); } }")]
    [InlineData("public static class W { public static object M() => ErrorPolicy.Retry(maxRetries: , TimeSpan.FromMilliseconds()); }")]
    public async Task Analyzers_run_to_the_end_on_broken_code(string declaration)
    {
        var source = Verify.Usings + "namespace Demo;\n" + declaration;
        var compilation = CSharpCompilation.Create(
            "Broken",
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp12)) },
            TestReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(
            new RoutineDeclarationAnalyzer(), new FlowAnalyzer(), new PolicyAttributeAnalyzer(), new PolicyInvocationAnalyzer());

        var diagnostics = await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync();

        Assert.DoesNotContain(diagnostics, diagnostic => diagnostic.Id == "AD0001");
    }
}
