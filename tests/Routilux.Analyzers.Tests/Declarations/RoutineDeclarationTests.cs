using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Routilux.Analyzers.Declarations;
using Routilux.Analyzers.Tests.Infrastructure;
using Xunit;

namespace Routilux.Analyzers.Tests.Declarations;

/// <summary>
/// Each declaration the generator skips gets its diagnostic, at the place to fix (RTLX0001-RTLX0015, RTLX9004);
/// valid routines get none.
/// </summary>
public sealed class RoutineDeclarationTests
{
    [Theory]
    // RTLX0001: the class, or a type enclosing it, is not partial.
    [InlineData("[Routine] public class {|RTLX0001:Bad|} { [Slot] public void S(int x) { } }")]
    [InlineData("public class {|RTLX0001:Outer|} { [Routine] public partial class Inner { [Slot] public void S(int x) { } } }")]
    [InlineData("[Routine] public partial class Split { [Slot] public void S(int x) { } } public class {|RTLX0001:Split|} { }")]
    // RTLX0002: records, static and file-local classes.
    [InlineData("[Routine] public partial record {|RTLX0002:Bad|} { [Slot] public void S(int x) { } }")]
    [InlineData("[Routine] public static partial class {|RTLX0002:Bad|} { }")]
    [InlineData("[Routine] file partial class {|RTLX0002:Bad|} { [Slot] public void S(int x) { } }")]
    // RTLX0003: a routine deriving from a routine.
    [InlineData("[Routine] public partial class Good { [Slot] public void S(int x) { } } [Routine] public partial class {|RTLX0003:Bad|} : Good { [Slot] public void T(int x) { } }")]
    // RTLX0004: empty names.
    [InlineData("[{|RTLX0004:Routine(Name = \" \")|}] public partial class Bad { [Slot] public void S(int x) { } }")]
    [InlineData("[Routine] public partial class Bad { [{|RTLX0004:Slot(Name = \"\")|}] public void S(int x) { } }")]
    [InlineData("[Routine] public partial class Bad { [{|RTLX0004:Emits(Name = \"\")|}] public partial void E(int x); }")]
    // RTLX0005: an [Emits] method that is not a body-less partial declaration.
    [InlineData("[Routine] public partial class Bad { [Emits] public void {|RTLX0005:E|}(int x) { } }")]
    [InlineData("[Routine] public partial class Bad { [Emits] public partial void E(int x); public partial void {|RTLX0005:E|}(int x) { } }")]
    // RTLX0006: an [Emits] method whose signature cannot be implemented.
    [InlineData("[Routine] public partial class Bad { [Emits] public partial int {|RTLX0006:E|}(int x); }")]
    [InlineData("[Routine] public partial class Bad { [Emits] public partial Task {|RTLX0006:E|}(int x); }")]
    [InlineData("[Routine] public partial class Bad { [Emits] public static partial void {|RTLX0006:E|}(int x); }")]
    [InlineData("[Routine] public partial class Bad { [Emits] public partial void {|RTLX0006:E|}<T>(T x); }")]
    [InlineData("[Routine] public partial class Bad { [Emits] public partial void E(ref int {|RTLX0006:x|}); }")]
    // RTLX0007: a slot or join handler the dispatch cannot call.
    [InlineData("[Routine] public partial class Bad { [Slot] public void S(ref int {|RTLX0007:x|}) { } }")]
    [InlineData("[Routine] public partial class Bad { [Slot] public void S(out int {|RTLX0007:x|}) { x = 0; } }")]
    [InlineData("[Routine] public partial class Bad { [Slot] public void S(Span<int> {|RTLX0007:x|}) { } }")]
    [InlineData("[Routine] public partial class Bad { [Slot] public int {|RTLX0007:S|}(int x) => x; }")]
    [InlineData("[Routine] public partial class Bad { [Slot] public Task<int> {|RTLX0007:S|}(int x) => Task.FromResult(x); }")]
    [InlineData("[Routine] public partial class Bad { [Slot] public static void {|RTLX0007:S|}(int x) { } }")]
    [InlineData("[Routine] public partial class Bad { [Slot] public void {|RTLX0007:S|}<T>(T x) { } }")]
    [InlineData("[Routine] public partial class Bad { [Join] public int {|RTLX0007:J|}(int a, int b) => a; }")]
    // RTLX0008: two ports with one name.
    [InlineData("[Routine] public partial class Bad { [Slot] public void S(int x) { } [Slot] public void {|RTLX0008:S|}(string x) { } }")]
    [InlineData("[Routine] public partial class Bad { [Slot(Name = \"x\")] public void A(int x) { } [Slot(Name = \"x\")] public void {|RTLX0008:B|}(int x) { } }")]
    [InlineData("[Routine] public partial class Bad { [Emits(Name = \"x\")] public partial void A(); [Emits(Name = \"x\")] public partial void {|RTLX0008:B|}(); }")]
    [InlineData("[Routine] public partial class Bad { [Slot] public void S(int x) { } [Emits] public partial void {|RTLX0008:S|}(); }")]
    [InlineData("[Routine] public partial class Bad { [Join] public void {|RTLX0008:J|}(int a, int b) { } [Emits(Name = \"B\")] public partial void E(); }")]
    // RTLX0009: attributes that cannot go together.
    [InlineData("[Routine] public partial class Bad { [Slot, Emits] public partial void {|RTLX0009:S|}(); }")]
    [InlineData("[Routine] public partial class Bad { [Join, Slot] public void {|RTLX0009:J|}(int a, int b) { } }")]
    [InlineData("[Routine] public partial class Bad { [Join, Batch(2)] public void {|RTLX0009:J|}(int a, int b) { } }")]
    [InlineData("[Routine] public partial class Bad { [Batch(3)] public void {|RTLX0009:S|}(IReadOnlyList<int> x) { } }")]
    // RTLX0010: two activations on one slot.
    [InlineData("[Routine] public partial class Bad { [Slot, Batch(3), Interval(5)] public void {|RTLX0010:S|}(IReadOnlyList<int> x) { } }")]
    // RTLX0011: a buffered slot whose payload is not one IReadOnlyList<T>.
    [InlineData("[Routine] public partial class Bad { [Slot, Batch(3)] public void {|RTLX0011:S|}(List<int> x) { } }")]
    [InlineData("[Routine] public partial class Bad { [Slot, Interval(5)] public void {|RTLX0011:S|}(int x) { } }")]
    [InlineData("[Routine] public partial class Bad { [Slot, Batch(3)] public void {|RTLX0011:S|}(IReadOnlyList<int> x, IReadOnlyList<int> y) { } }")]
    // RTLX0012: the [ActivateWhen] predicate.
    [InlineData("[Routine] public partial class Bad { [Slot, {|RTLX0012:ActivateWhen(\"Missing\")|}] public void S(IReadOnlyList<int> x) { } }")]
    [InlineData("[Routine] public partial class Bad { [Slot, {|RTLX0012:ActivateWhen(nameof(P))|}] public void S(IReadOnlyList<int> x) { } int P(ActivationState s) => 0; }")]
    [InlineData("[Routine] public partial class Bad { [Slot, {|RTLX0012:ActivateWhen(nameof(P))|}] public void S(IReadOnlyList<int> x) { } bool P(int s) => true; }")]
    // RTLX0013: a join with fewer than two payload parameters.
    [InlineData("[Routine] public partial class Bad { [Join] public void {|RTLX0013:J|}(int a) { } }")]
    [InlineData("[Routine] public partial class Bad { [Join] public void {|RTLX0013:J|}(int a, CancellationToken ct) { } }")]
    // RTLX0014 (info): no constructor the catalog can use.
    [InlineData("[Routine] public partial class {|RTLX0014:Needy|} { public Needy(string name) { } [Slot] public void S(int x) { } }")]
    [InlineData("[Routine] public partial class {|RTLX0014:Hidden|} { private Hidden() { } [Slot] public void S(int x) { } }")]
    // RTLX0015: port attributes outside a routine.
    [InlineData("public class Plain { [{|RTLX0015:Slot|}] public void S(int x) { } }")]
    [InlineData("public partial class Plain { [{|RTLX0015:Emits|}] public partial void E(int x); public partial void E(int x) { } }")]
    // RTLX9004: a negative capacity.
    [InlineData("[Routine] public partial class Bad { [{|RTLX9004:Slot(Capacity = -1)|}] public void S(int x) { } }")]
    [InlineData("[Routine] public partial class Bad { [{|RTLX9004:Join(Capacity = -2)|}] public void J(int a, int b) { } }")]
    public Task Invalid_declaration_is_reported(string declaration) =>
        Verify.AnalyzerIgnoringCompilerErrors<RoutineDeclarationAnalyzer>(Verify.Usings + "namespace Demo;\n" + declaration);

    [Fact]
    public Task Every_problem_of_a_routine_is_reported_at_once() =>
        Verify.Analyzer<RoutineDeclarationAnalyzer>(Verify.Usings + """
            namespace Demo;

            [Routine]
            public class {|RTLX0001:Bad|}
            {
                [Slot] public int {|RTLX0007:S|}(int x) => x;
                [Emits] public void {|RTLX0005:E|}(int x) { }
                [{|RTLX9004:Slot(Capacity = -1)|}] public void T(int x) { }
            }
            """);

    /// <summary>
    /// The test runs the generator too, and its diagnostics count: RTLX0001 appears once per type, from the generator
    /// (the compiler would stop before this analyzer ran), never twice.
    /// </summary>
    [Fact]
    public Task A_non_partial_routine_with_partial_methods_is_reported_once_by_the_generator() =>
        new RoutiluxAnalyzerTest<RoutineDeclarationAnalyzer>(Verify.Usings + """
            namespace Demo;

            [Routine]
            public class {|RTLX0001:Loose|}
            {
                [Slot] public int {|RTLX0007:S|}(int x) => x;
                [Emits] public partial void E(int x);
            }

            public class {|RTLX0001:Outer|}
            {
                [Routine] public partial class Inner { [Emits] public partial void E(int x); }
            }
            """)
        {
            CompilerDiagnostics = CompilerDiagnostics.None,

            // A generator's error cannot be silenced by #pragma, which the framework's extra pass expects of a diagnostic.
            TestBehaviors = TestBehaviors.SkipGeneratedSourcesCheck | TestBehaviors.SkipSuppressionCheck,
        }.RunAsync();

    [Fact]
    public Task Valid_routines_have_no_diagnostics() =>
        Verify.Analyzer<RoutineDeclarationAnalyzer>(Verify.Usings + """
            namespace Demo;

            /// <summary>Every supported shape at once.</summary>
            [Routine(Name = "shapes"), OnError(ErrorStrategy.Retry, MaxRetries = 2)]
            public partial class Shapes
            {
                [Slot] public void Text(string line) => Word(line);
                [Slot(Name = "pair", Optional = true, Capacity = 8)] public ValueTask Add(int a, int b, CancellationToken ct) => Pair(a, b);
                [Slot] public Task Tick(RoutineContext context) => Task.CompletedTask;
                [Slot, Batch(10, MaxWaitMilliseconds = 50)] public void Rows(IReadOnlyList<int> rows) { }
                [Slot, Interval(100)] public void Samples(IReadOnlyList<double> samples) { }
                [Slot, ActivateWhen(nameof(Enough))] public void Items(IReadOnlyList<string> items) { }
                [Join] public void Match(int order, string payment) { }
                [Emits] public partial void Word(string word);
                [Emits] public partial ValueTask Pair(int a, int b);
                private static bool Enough(ActivationState state) => state.Buffered > 3;
            }

            [Routine]
            public partial class Buffer<T> where T : notnull
            {
                [Slot] public void In(T item) => Out(item);
                [Emits] public partial void Out(T item);
            }

            public static partial class Stages
            {
                [Routine] internal partial class Nested { [Slot] private void Text(string? line) { } }
            }

            [Routine]
            public abstract partial class Base { [Slot] public void S(int x) { } }
            """);
}
