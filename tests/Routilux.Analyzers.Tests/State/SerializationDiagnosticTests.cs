using System.Threading.Tasks;
using Routilux.Analyzers.Declarations;
using Routilux.Analyzers.Tests.Infrastructure;
using Xunit;

namespace Routilux.Analyzers.Tests.State;

/// <summary>
/// RTLX2001-RTLX2003: a payload or state type the generated serializers cannot handle, a state member a resume cannot
/// set, a [MigrateState] method of the wrong shape; each located where it is fixed. Supported shapes and types the
/// assembly's JsonSerializerContext lists get none.
/// </summary>
public sealed class SerializationDiagnosticTests
{
    private const string Usings = "using System.Text.Json.Nodes; using System.Text.Json.Serialization;\n";

    [Theory]
    // RTLX2001: payloads and state members outside the shapes, at the parameter or member.
    [InlineData("[Routine] public partial class Bad { [Slot] public void S(object {|RTLX2001:x|}) { } }")]
    [InlineData("[Routine] public partial class Bad { [Slot] public void S(int a, IDisposable {|RTLX2001:b|}) { } }")]
    [InlineData("public abstract class Shape { } public sealed record Order(int Id, Shape Shape); [Routine] public partial class Bad { [Slot] public void S(Order {|RTLX2001:order|}) { } }")]
    [InlineData("[Routine] public partial class Bad { [Slot, Batch(2)] public void S(IReadOnlyList<HashSet<int>> {|RTLX2001:rows|}) { } }")]
    [InlineData("[Routine] public partial class Bad { [State] private Func<int>? {|RTLX2001:_f|}; [Slot] public void S(int x) { } }")]
    [InlineData("[Routine, State] public partial class Bad { private System.Text.StringBuilder {|RTLX2001:_text|} = new(); [Slot] public void S(int x) { } }")]
    // RTLX2002: state members a resume cannot set.
    [InlineData("[Routine] public partial class Bad { [State] private readonly int {|RTLX2002:_total|}; [Slot] public void S(int x) { } }")]
    [InlineData("[Routine] public partial class Bad { [State] public string {|RTLX2002:Label|} { get; init; } = \"\"; [Slot] public void S(int x) { } }")]
    [InlineData("[Routine] public partial class Bad { [State] public int {|RTLX2002:Count|} { get; } [Slot] public void S(int x) { } }")]
    [InlineData("[Routine] public partial class Bad { [State] private static int {|RTLX2002:s_total|}; [Slot] public void S(int x) { } }")]
    // RTLX2003: migrations of the wrong shape.
    [InlineData("[Routine(StateVersion = 2)] public partial class Bad { [State] private int _n; [MigrateState(1)] private void {|RTLX2003:Up|}(JsonObject s) { } [Slot] public void S(int x) { } }")]
    [InlineData("[Routine(StateVersion = 2)] public partial class Bad { [State] private int _n; [MigrateState(1)] private static void {|RTLX2003:Up|}(string s) { } [Slot] public void S(int x) { } }")]
    public Task Unsavable_declarations_are_reported(string declaration) =>
        Verify.Analyzer<RoutineDeclarationAnalyzer>(Verify.Usings + Usings + "namespace Demo;\n" + declaration);

    [Fact]
    public Task The_message_names_the_type_and_member_path() =>
        Verify.Analyzer<RoutineDeclarationAnalyzer>(
            Verify.Usings + Usings + """
            namespace Demo;

            public interface IProduct { }
            public sealed record Line(IProduct Product, int Quantity);
            public sealed record Order(int Id, List<Line> Lines);

            [Routine]
            public partial class Shipping
            {
                [Slot] public void In(Order {|#0:order|}) { }
            }
            """,
            Verify.Diagnostic("RTLX2001", 0).WithArguments("payload of slot 'In'", "Shipping", "IProduct", "Order.Lines[].Product", "is an interface, whose implementation is only known at run time"));

    [Fact]
    public Task Supported_shapes_get_no_diagnostic() =>
        Verify.Analyzer<RoutineDeclarationAnalyzer>(Verify.Usings + Usings + """
            namespace Demo;

            public enum Color { Red, Green }
            public sealed record Node(int Value, List<Node> Children);
            public sealed class Settings { public required string Name { get; init; } public int Retries { get; set; } }

            [Routine(StateVersion = 2)]
            public partial class Good
            {
                [State] private readonly List<int> _seen = new();
                [State] private readonly Dictionary<string, Node> _nodes = new();
                [State(Name = "total", FormerNames = new[] { "count" })] public long Total { get; private set; }
                [MigrateState(from: 1)] private static void ToV2(JsonObject state) { }

                [Slot] public void A(int x, string? y, Color color, DateTimeOffset at, TimeSpan after, Guid id, Uri? link, byte[] bytes) { }
                [Slot] public void B(Node node) { }
                [Slot] public void C(IReadOnlyList<Settings> settings, Dictionary<string, double[]> table, (int A, string B) pair, decimal? amount) { }
                [Slot] public void D() { }
                [Slot, Batch(10)] public void E(IReadOnlyList<char> letters) { }
            }
            """);

    [Fact]
    public Task A_type_the_json_context_lists_gets_no_diagnostic() =>
        Verify.AnalyzerIgnoringCompilerErrors<RoutineDeclarationAnalyzer>(Verify.Usings + Usings + """
            [assembly: RoutiluxJsonContext(typeof(Demo.AppJson))]
            namespace Demo;

            [JsonSerializable(typeof(IDisposable))]
            internal partial class AppJson : JsonSerializerContext { }

            [Routine]
            public partial class Good
            {
                [Slot] public void In(IDisposable handle) { }
            }
            """);
}
