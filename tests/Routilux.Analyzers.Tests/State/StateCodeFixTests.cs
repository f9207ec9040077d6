using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Testing;
using Routilux.Analyzers.State;
using Routilux.Analyzers.Tests.Infrastructure;
using Routilux.CodeFixes.State;
using Xunit;

namespace Routilux.Analyzers.Tests.State;

/// <summary>
/// The state fixes: pin a saved name (RTLX2013), record the shape in RoutiluxState.Shipped.json or bump StateVersion
/// (RTLX2015, RTLX2016, RTLX2017), add a missing migration (RTLX2010); one at a time and with Fix All.
/// </summary>
public sealed class StateCodeFixTests
{
    private const string CounterV1 = """
        {
          "format": 1,
          "routines": {
            "Demo.Counter": {
              "1": {
                "count": "int"
              }
            }
          }
        }

        """;

    [Fact]
    public Task Saved_names_are_pinned_as_they_are() => Run<PinStateNameCodeFix>(
        """
        namespace Demo;

        [Routine, State]
        public partial class Counter
        {
            private long {|RTLX2013:count|};
            [State] public string {|RTLX2013:Label|} { get; set; } = "";
            [State(FormerNames = new[] { "sum" })] private int {|RTLX2013:total|};
            [Slot] public void Add(int n) { count += n; total += n; }
        }
        """,
        """
        namespace Demo;

        [Routine, State]
        public partial class Counter
        {
            [State(Name = "count")] private long count;
            [State(Name = "Label")] public string Label { get; set; } = "";
            [State(Name = "total", FormerNames = new[] { "sum" })] private int total;
            [Slot] public void Add(int n) { count += n; total += n; }
        }
        """,
        """
        {"format": 1, "routines": {"Demo.Counter": {"1": {"Label": "string", "count": "long", "total": "int"}}}}
        """,
        fixedShapeFile: null);

    [Fact]
    public Task A_changed_shape_is_recorded_under_its_version() => Run<RecordShapeCodeFix>(
        """
        namespace Demo;

        [Routine]
        public partial class {|RTLX2015:Counter|}
        {
            [State(Name = "count")] private string _count = "";
            [State(Name = "seen")] public List<string> Seen { get; } = new();
            [Slot] public void Add(int n) => _count += n;
        }
        """,
        fixedSource: null,
        CounterV1,
        """
        {
          "format": 1,
          "routines": {
            "Demo.Counter": {
              "1": {
                "count": "string",
                "seen": "System.Collections.Generic.List<string>"
              }
            }
          }
        }

        """);

    [Fact]
    public Task Every_unrecorded_shape_is_recorded_and_older_versions_are_kept() => Run<RecordShapeCodeFix>(
        """
        namespace Demo;

        [Routine(StateVersion = 2)]
        public partial class {|RTLX2016:Counter|}
        {
            [State(Name = "count")] private long _count;
            [MigrateState(from: 1)] private static void ToV2(JsonObject state) { }
            [Slot] public void Add(int n) => _count += n;
        }

        [Routine]
        public partial class {|RTLX2016:Average|}
        {
            [State(Name = "sum")] private double _sum;
            [State(Name = "n")] private int _n;
            [Slot] public void Add(double x) { _sum += x; _n++; }
        }
        """,
        fixedSource: null,
        CounterV1,
        """
        {
          "format": 1,
          "routines": {
            "Demo.Average": {
              "1": {
                "n": "int",
                "sum": "double"
              }
            },
            "Demo.Counter": {
              "1": {
                "count": "int"
              },
              "2": {
                "count": "long"
              }
            }
          }
        }

        """);

    [Fact]
    public Task A_compatible_change_is_recorded() => Run<RecordShapeCodeFix>(
        """
        namespace Demo;

        [Routine]
        public partial class {|RTLX2017:Counter|}
        {
            [State(Name = "count")] private long _count;
            [Slot] public void Add(int n) => _count += n;
        }
        """,
        fixedSource: null,
        CounterV1,
        CounterV1.Replace("\"int\"", "\"long\"", System.StringComparison.Ordinal));

    [Fact]
    public Task StateVersion_is_bumped_with_a_migration_to_fill_in_and_the_old_entry_is_kept()
    {
        var test = Test<BumpStateVersionCodeFix>(
            """
            namespace Demo;

            [Routine]
            public partial class {|RTLX2015:Counter|}
            {
                [State(Name = "count")] private string _count = "";
                [Slot] public void Add(int n) => _count += n;
            }
            """,
            """
            namespace Demo;

            [Routine(StateVersion = 2)]
            public partial class {|#0:Counter|}
            {
                [State(Name = "count")] private string _count = "";
                [Slot] public void Add(int n) => _count += n;
                [MigrateState(from: 1)] private static void MigrateFromV1(System.Text.Json.Nodes.JsonObject state) { }
            }
            """,
            CounterV1,
            CounterV1);
        test.FixedState.ExpectedDiagnostics.Add(Verify.Diagnostic("RTLX2016", 0).WithArguments("Counter", "2"));
        return test.RunAsync();
    }

    [Fact]
    public Task A_written_StateVersion_is_bumped_and_an_existing_migration_is_not_repeated()
    {
        var test = Test<BumpStateVersionCodeFix>(
            """
            namespace Demo;

            [Routine(Name = "counter", StateVersion = 2)]
            public partial class {|RTLX2015:Counter|}
            {
                [State(Name = "count")] private string _count = "";
                [MigrateState(from: 1)] private static void ToV2(JsonObject state) { }
                [{|RTLX2012:MigrateState(from: 2)|}] private static void ToV3(JsonObject state) { }
                [Slot] public void Add(int n) => _count += n;
            }
            """,
            """
            namespace Demo;

            [Routine(Name = "counter", StateVersion = 3)]
            public partial class {|#0:Counter|}
            {
                [State(Name = "count")] private string _count = "";
                [MigrateState(from: 1)] private static void ToV2(JsonObject state) { }
                [MigrateState(from: 2)] private static void ToV3(JsonObject state) { }
                [Slot] public void Add(int n) => _count += n;
            }
            """,
            """
            {"format": 1, "routines": {"Demo.Counter": {"1": {"count": "int"}, "2": {"count": "long"}}}}
            """,
            """
            {"format": 1, "routines": {"Demo.Counter": {"1": {"count": "int"}, "2": {"count": "long"}}}}
            """);
        test.FixedState.ExpectedDiagnostics.Add(Verify.Diagnostic("RTLX2016", 0).WithArguments("Counter", "3"));
        return test.RunAsync();
    }

    [Fact]
    public Task Missing_migrations_are_added_in_version_order() => Run<AddMigrationCodeFix>(
        """
        namespace Demo;

        [Routine({|RTLX2010:{|RTLX2010:StateVersion = 3|}|})]
        public partial class Counter
        {
            [State(Name = "count")] private string _count = "";
            [Slot] public void Add(int n) => _count += n;
        }
        """,
        """
        namespace Demo;

        [Routine(StateVersion = 3)]
        public partial class Counter
        {
            [State(Name = "count")] private string _count = "";
            [Slot] public void Add(int n) => _count += n;
            [MigrateState(from: 1)] private static void MigrateFromV1(System.Text.Json.Nodes.JsonObject state) { }
            [MigrateState(from: 2)] private static void MigrateFromV2(System.Text.Json.Nodes.JsonObject state) { }
        }
        """,
        shapeFile: null,
        fixedShapeFile: null);

    private static Task Run<TCodeFix>(string source, string? fixedSource, string? shapeFile, string? fixedShapeFile)
        where TCodeFix : CodeFixProvider, new() => Test<TCodeFix>(source, fixedSource, shapeFile, fixedShapeFile).RunAsync();

    private static RoutiluxCodeFixTest<StateVersionAnalyzer, TCodeFix> Test<TCodeFix>(string source, string? fixedSource, string? shapeFile, string? fixedShapeFile)
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new RoutiluxCodeFixTest<StateVersionAnalyzer, TCodeFix>(StateTest.Usings + source, StateTest.Usings + (fixedSource ?? Unmarked(source)));
        if (shapeFile is not null)
        {
            test.TestState.AdditionalFiles.Add((ShapeFile.FileName, shapeFile));
            test.FixedState.AdditionalFiles.Add((ShapeFile.FileName, fixedShapeFile ?? shapeFile));
        }

        return test;
    }

    /// <summary>The source without its {|ID:...|} markup: what a fix that edits only the shape file leaves.</summary>
    private static string Unmarked(string source) =>
        System.Text.RegularExpressions.Regex.Replace(source, @"\{\|RTLX[0-9]{4}:([^|]*)\|\}", "$1");
}
