using System.Linq;
using Routilux.Generators.Tests.Infrastructure;
using Xunit;

namespace Routilux.Generators.Tests;

/// <summary>
/// Declarations the generator cannot complete are skipped without an exception or a diagnostic (the analyzers
/// report them); valid routines beside them are still generated.
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
    public void InvalidRoutineIsSkippedSilently(string declaration)
    {
        var source = "using System; using System.Collections.Generic; using System.Threading.Tasks; using Routilux; namespace Demo; " + declaration + " [Routine] public partial class Fine { [Slot] public void S(int x) { } }";

        var (result, _) = GeneratorHarness.Run(GeneratorHarness.Compile(source));

        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        var hints = result.GeneratedSources.Select(s => s.HintName).ToArray();
        Assert.DoesNotContain(hints, hint => hint.Contains("Bad", System.StringComparison.Ordinal));
        Assert.Contains("Demo.Fine.Routine.g.cs", hints);
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

    [Fact]
    public void NoRoutinesGenerateNothing()
    {
        var (result, _) = GeneratorHarness.Run(GeneratorHarness.Compile("namespace Demo; public partial class Plain { }"));

        Assert.Null(result.Exception);
        Assert.Empty(result.GeneratedSources);
    }
}
