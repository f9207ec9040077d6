using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Routilux.Generators.Tests.Infrastructure;
using Xunit;

namespace Routilux.Generators.Tests;

/// <summary>
/// Declarations the generator cannot complete get a placeholder instead of their generated part, without an exception
/// or a diagnostic of the generator's (the analyzers report them), so the compilation has no error of the compiler's
/// caused by the missing part; valid routines beside them are still generated. Where the compiler would stop before
/// the analyzers run (a non-partial routine with partial methods, a C# version below 11), the generator reports the
/// RTLX error itself.
/// </summary>
public sealed class InvalidDeclarationTests
{
    [Theory]
    [InlineData("[Routine] public class Bad { [Slot] public void S(int x) { } }")]
    [InlineData("[Routine] public partial class Bad { [Emits] public void E(int x) { } }")]
    [InlineData("[Routine] public partial class Bad { [Emits] public partial void E(int x); public partial void E(int x) { } }")]
    [InlineData("[Routine] public partial class Bad { [Emits] public partial void E(int x) { } }")]
    [InlineData("[Routine] public partial class Bad { [Emits] public partial int E(int x); }")]
    [InlineData("[Routine] public partial class Bad { [Emits] public partial Task E(int x); }")]
    [InlineData("[Routine] public partial class Bad { [Emits] public static partial void E(int x); }")]
    [InlineData("[Routine] public partial class Bad { [Emits] public partial void E<T>(T x); }")]
    [InlineData("[Routine] public partial class Bad { [Emits] public partial void E(ref int x); }")]
    [InlineData("[Routine] public partial class Bad { [Slot] public void S(ref int x) { } }")]
    [InlineData("[Routine] public partial class Bad { [Slot] public void S(out int x) { x = 0; } }")]
    [InlineData("[Routine] public partial class Bad { [Slot] public int S(int x) => x; }")]
    [InlineData("[Routine] public partial class Bad { [Slot] public Task<int> S(int x) => Task.FromResult(x); }")]
    [InlineData("[Routine] public partial class Bad { [Slot] public ValueTask<int> S(int x) => default; }")]
    [InlineData("[Routine] public partial class Bad { [Slot] public static void S(int x) { } }")]
    [InlineData("[Routine] public partial class Bad { [Slot] public void S<T>(T x) { } }")]
    [InlineData("[Routine] public partial class Bad { [Slot] public void S(Span<int> x) { } }")]
    [InlineData("[Routine] public partial class Bad { [Slot] public void S(int x) { } [Slot] public void S(string x) { } }")]
    [InlineData("[Routine] public partial class Bad { [Slot(Name = \"x\")] public void A(int x) { } [Slot(Name = \"x\")] public void B(int x) { } }")]
    [InlineData("[Routine] public partial class Bad { [Emits(Name = \"x\")] public partial void A(); [Emits(Name = \"x\")] public partial void B(); }")]
    [InlineData("[Routine] public partial class Bad { [Slot] public void S(int x) { } [Emits] public partial void S(); }")]
    [InlineData("[Routine] public partial class Bad { [Slot, Emits] public partial void S(); }")]
    [InlineData("[Routine] public partial class Bad { [Slot(Name = \"\")] public void S(int x) { } }")]
    [InlineData("[Routine] public partial class Bad { [Slot(Capacity = -1)] public void S(int x) { } }")]
    [InlineData("[Routine(Name = \" \")] public partial class Bad { [Slot] public void S(int x) { } }")]
    [InlineData("[Routine] public static partial class Bad { }")]
    [InlineData("[Routine] file partial class Bad { [Slot] public void S(int x) { } }")]
    [InlineData("file partial class Outer { [Routine] public partial class Bad { [Slot] public void S(int x) { } } }")]
    [InlineData("[Routine] public partial struct Bad { [Slot] public void S(int x) { } }")]
    [InlineData("[Routine] public partial record Bad { [Slot] public void S(int x) { } }")]
    [InlineData("public class Outer { [Routine] public partial class Bad { [Slot] public void S(int x) { } } }")]
    [InlineData("[Routine] public partial class Good { [Slot] public void S(int x) { } } [Routine] public partial class Bad : Good { [Slot] public void T(int x) { } }")]
    [InlineData("[Routine] public partial class Bad { [Slot, Batch(3)] public void S(List<int> x) { } }")]
    [InlineData("[Routine] public partial class Bad { [Slot, Batch(3)] public void S(int x) { } }")]
    [InlineData("[Routine] public partial class Bad { [Slot, Batch(3)] public void S() { } }")]
    [InlineData("[Routine] public partial class Bad { [Slot, Batch(3)] public void S(IReadOnlyList<int> x, IReadOnlyList<int> y) { } }")]
    [InlineData("[Routine] public partial class Bad { [Slot, Interval(5)] public void S(IReadOnlyCollection<int> x) { } }")]
    [InlineData("[Routine] public partial class Bad { [Slot, Batch(3), Interval(5)] public void S(IReadOnlyList<int> x) { } }")]
    [InlineData("[Routine] public partial class Bad { [Slot, Batch(3), ActivateWhen(nameof(P))] public void S(IReadOnlyList<int> x) { } bool P(ActivationState s) => true; }")]
    [InlineData("[Routine] public partial class Bad { [Batch(3)] public void S(IReadOnlyList<int> x) { } }")]
    [InlineData("[Routine] public partial class Bad { [Slot, ActivateWhen(\"Missing\")] public void S(IReadOnlyList<int> x) { } }")]
    [InlineData("[Routine] public partial class Bad { [Slot, ActivateWhen(null)] public void S(IReadOnlyList<int> x) { } }")]
    [InlineData("[Routine] public partial class Bad { [Slot, ActivateWhen(nameof(P))] public void S(IReadOnlyList<int> x) { } int P(ActivationState s) => 0; }")]
    [InlineData("[Routine] public partial class Bad { [Slot, ActivateWhen(nameof(P))] public void S(IReadOnlyList<int> x) { } bool P(int s) => true; }")]
    [InlineData("[Routine] public partial class Bad { [Slot, ActivateWhen(nameof(P))] public void S(IReadOnlyList<int> x) { } bool P() => true; }")]
    [InlineData("[Routine] public partial class Bad { [Slot, ActivateWhen(nameof(P))] public void S(IReadOnlyList<int> x) { } bool P(ActivationState s, int n) => true; }")]
    [InlineData("[Routine] public partial class Bad { [Slot, ActivateWhen(nameof(P))] public void S(IReadOnlyList<int> x) { } bool P(ref ActivationState s) => true; }")]
    [InlineData("[Routine] public partial class Bad { [Slot, ActivateWhen(nameof(P))] public void S(IReadOnlyList<int> x) { } bool P<T>(ActivationState s) => true; }")]
    [InlineData("[Routine] public partial class Bad { [Slot, ActivateWhen(nameof(P))] public void S(IReadOnlyList<int> x) { } bool P => true; }")]
    [InlineData("[Routine] public partial class Bad { [Join] public void J(int a) { } }")]
    [InlineData("[Routine] public partial class Bad { [Join] public void J(int a, System.Threading.CancellationToken ct, RoutineContext context) { } }")]
    [InlineData("[Routine] public partial class Bad { [Join] public void J() { } }")]
    [InlineData("[Routine] public partial class Bad { [Join, Slot] public void J(int a, int b) { } }")]
    [InlineData("[Routine] public partial class Bad { [Join, Emits] public partial void J(int a, int b); }")]
    [InlineData("[Routine] public partial class Bad { [Join, Batch(2)] public void J(int a, int b) { } }")]
    [InlineData("[Routine] public partial class Bad { [Join] public int J(int a, int b) => a; }")]
    [InlineData("[Routine] public partial class Bad { [Join] public static void J(int a, int b) { } }")]
    [InlineData("[Routine] public partial class Bad { [Join] public void J<T>(T a, T b) { } }")]
    [InlineData("[Routine] public partial class Bad { [Join] public void J(ref int a, int b) { } }")]
    [InlineData("[Routine] public partial class Bad { [Join(Capacity = -1)] public void J(int a, int b) { } }")]
    [InlineData("[Routine] public partial class Bad { [Slot] public void A(int x) { } [Join] public void J(int a, int b) { } }")]
    [InlineData("[Routine] public partial class Bad { [Join] public void J(int a, int b) { } [Slot(Name = \"x\")] public void B(int x) { } }")]
    [InlineData("[Routine] public partial class Bad { [Slot(Name = \"A\")] public void S(int x) { } [Join] public void J(int a, int b) { } }")]
    [InlineData("[Routine] public partial class Bad { [Join] public void J(int a, int b) { } [Join] public void K(int a, int c) { } }")]
    [InlineData("[Routine] public partial class Bad { [Join] public void J(int a, int b) { } [Emits(Name = \"B\")] public partial void E(); }")]
    [InlineData("[Routine] public partial class Bad { [Emits(Name = \"E\")] public partial void A(); [Join] public void J(int a, int b) { } }")]
    public void InvalidRoutineLeavesNoCompilerError(string declaration)
    {
        var source = "using System; using System.Collections.Generic; using System.Threading.Tasks; using Routilux; namespace Demo; " + declaration + " [Routine] public partial class Fine { [Slot] public void S(int x) { } }";

        var (result, output) = GeneratorHarness.Run(GeneratorHarness.Compile(source));

        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        var hints = result.GeneratedSources.Select(s => s.HintName).ToArray();
        Assert.Contains("Demo.Fine.Routine.g.cs", hints);

        // The one error left is the user's own: [Routine] on a struct (CS0592), whatever the generator does.
        var errors = Errors(output).Where(error => !error.Contains("CS0592", System.StringComparison.Ordinal)).ToArray();
        Assert.True(errors.Length == 0, "Errors after generation:" + System.Environment.NewLine + string.Join(System.Environment.NewLine, errors));
    }

    [Theory]
    [InlineData("[Routine] public partial class Broken { [Slot] public void S(Missing m) { } [Emits] public partial void E(")]
    [InlineData("[Routine] public partial class Broken { [Slot] public void S(int x, ) { } }")]
    [InlineData("[Routine] public partial class Broken<T> where T : Missing { [Slot] public void S(T x) { } [Emits] public partial void E(Missing<T> m); }")]
    [InlineData("[Routine(Name = 42)] public partial class Broken { [Slot(Capacity = \"x\")] public void S(int x) { } }")]
    [InlineData("[Routine] partial class")]
    [InlineData("[Routine] public partial class Broken { [Join] public void J(int, int b) { } }")]
    [InlineData("[Routine] public partial class Broken { [Slot, Batch(\"x\")] public void S(System.Collections.Generic.IReadOnlyList<int> x) { } }")]
    [InlineData("[Routine] public partial class Broken { [Slot, Batch(2, MaxWaitMilliseconds = \"x\")] public void S(System.Collections.Generic.IReadOnlyList<int> x) { } }")]
    [InlineData("[Routine] public partial class Broken { [Slot, Interval] public void S(System.Collections.Generic.IReadOnlyList<int> x) { } }")]
    [InlineData("[Routine] public partial class Broken { [Slot, ActivateWhen(nameof(Missing))] public void S(System.Collections.Generic.IReadOnlyList<Missing> x) { } }")]
    [InlineData("[Routine] public partial class Broken { [Slot, Batch(2)] public void S(System.Collections.Generic.IReadOnlyList<> x) { } }")]
    [InlineData("[Routine] public partial class Broken { [Join] public void J(Missing a, int b) { } }")]
    public void BrokenCodeDoesNotThrow(string declaration)
    {
        var source = "using Routilux; namespace Demo; " + declaration;

        var (result, _) = GeneratorHarness.Run(GeneratorHarness.Compile(source));

        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
    }

    [Theory]
    [InlineData("[Slot] public void Text(ref string line) { }", "Text")]
    [InlineData("[Slot, Batch(4)] public void Text(string line) { }", "Text")]
    [InlineData("[Slot] public void Text(string line) { } [Slot(Name = \"Text\")] public void Other(string line) { }", "Text")]
    [InlineData("[Slot] public void Text(string line) { } [Emits] public partial void Broken(string word) { }", "Text")]
    [InlineData("[Slot] public void Text(string line) { } [Emits] public partial int Count(string word);", "Text")]
    public void CodeUsingARefusedRoutineStillCompiles(string members, string entry)
    {
        var source = $$"""
            using System.Collections.Generic;
            using Routilux;
            namespace Demo;
            [Routine] public partial class Bad { {{members}} [Emits] public partial void Word(string word); }
            [Routine] public partial class Sink { [Slot] public void Word(string word) { } }
            public static class Wiring
            {
                public static FlowBuilder Build()
                {
                    var flow = new FlowBuilder("demo");
                    var bad = flow.Add<Bad>("bad");
                    var sink = flow.Add<Sink>("sink");
                    flow.Connect(bad.Word(), sink.Word());
                    flow.Entry(bad.{{entry}}());
                    return flow;
                }
            }
            """;

        var (result, output) = GeneratorHarness.Run(GeneratorHarness.Compile(source));

        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        Assert.Contains(result.GeneratedSources, s => s.HintName == "Demo.Bad.Routine.g.cs" && s.SourceText.ToString().Contains("was not generated", System.StringComparison.Ordinal));
        Assert.Empty(Errors(output));
    }

    [Fact]
    public void PlaceholderMembersThrowAMessageThatNamesTheRoutine()
    {
        var source = "using Routilux; namespace Demo; [Routine] public partial class Bad { [Slot] public void S(ref int x) { } [Emits] public partial void E(int x); }";

        var (result, _) = GeneratorHarness.Run(GeneratorHarness.Compile(source));

        var text = result.GeneratedSources.Single(s => s.HintName == "Demo.Bad.Routine.g.cs").SourceText.ToString();
        Assert.Contains("public partial void E(int x)", text, System.StringComparison.Ordinal);
        Assert.Contains("Routine 'Bad' was not generated because its declaration has errors", text, System.StringComparison.Ordinal);
        Assert.Contains("static global::Routilux.RoutineDescriptor global::Routilux.IRoutineDefinition<global::Demo.Bad>.Descriptor => throw", text, System.StringComparison.Ordinal);
        Assert.Contains("public static global::Routilux.SlotPort<int> S(this global::Routilux.RoutineHandle<global::Demo.Bad> routine)", text, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Routine] public class Loose { [Emits] public partial void Word(string word); }", "Loose", "Loose")]
    [InlineData("public class Outer { [Routine] public partial class Inner { [Emits] public partial void Word(string word); } }", "Outer", "Inner")]
    public void NonPartialRoutineWithPartialMethodsIsReportedByTheGenerator(string declaration, string type, string routine)
    {
        var (result, output) = GeneratorHarness.Run(GeneratorHarness.Compile("using Routilux; namespace Demo; " + declaration));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("RTLX0001", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal($"Type '{type}' must be declared partial so the generator can complete routine '{routine}'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Source0.cs", diagnostic.Location.GetLineSpan().Path);

        // The placeholder part turns CS0751 and CS8795 (on the method) into one CS0260 on the type: the same fix.
        var error = Assert.Single(Errors(output));
        Assert.Contains("CS0260", error, System.StringComparison.Ordinal);
        Assert.Contains($"'{type}'", error, System.StringComparison.Ordinal);
    }

    [Fact]
    public void NonPartialRoutineWithoutPartialMethodsIsLeftToTheAnalyzers()
    {
        var (result, output) = GeneratorHarness.Run(GeneratorHarness.Compile("using Routilux; namespace Demo; [Routine] public class Loose { [Slot] public void S(int x) { } }"));

        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.GeneratedSources);
        Assert.Empty(Errors(output));
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp10, "10.0")]
    [InlineData(LanguageVersion.CSharp9, "9.0")]
    public void LanguageVersionBelow11IsReportedAndGeneratedCodeStaysQuiet(LanguageVersion version, string shown)
    {
        var source = "using Routilux; namespace Demo { [Routine] public partial class Tok { [Slot] public void S(string x) { Word(x); } [Emits] public partial void Word(string word); } }";

        var (result, output) = GeneratorHarness.Run(GeneratorHarness.Compile(source, version));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("RTLX0016", diagnostic.Id);
        Assert.Equal(
            $"Routine 'Tok' cannot be generated because this project compiles as C# {shown}, and Routilux needs C# 11.0 or later; set <LangVersion> to 11.0 or later, or remove it to use the default of the target framework",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain(result.GeneratedSources, s => s.HintName == "RoutiluxCatalog.g.cs");
        Assert.Empty(Errors(output));
    }

    [Fact]
    public void CSharp11IsEnough()
    {
        var source = "using Routilux; namespace Demo; [Routine] public partial class Tok { [Slot] public void S(string x) { Word(x); } [Emits] public partial void Word(string word); }";

        var (result, output) = GeneratorHarness.Run(GeneratorHarness.Compile(source, LanguageVersion.CSharp11));

        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.WarningsAndErrors(output));
    }

    [Fact]
    public void NoRoutinesGenerateNothing()
    {
        var (result, _) = GeneratorHarness.Run(GeneratorHarness.Compile("namespace Demo; public partial class Plain { }"));

        Assert.Null(result.Exception);
        Assert.Empty(result.GeneratedSources);
    }

    private static string[] Errors(Compilation compilation) =>
        compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToArray();
}
