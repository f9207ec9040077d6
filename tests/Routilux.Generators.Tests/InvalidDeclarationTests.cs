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
    public void InvalidRoutineIsSkippedSilently(string declaration)
    {
        var source = "using System; using System.Threading.Tasks; using Routilux; namespace Demo; " + declaration + " [Routine] public partial class Fine { [Slot] public void S(int x) { } }";

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
