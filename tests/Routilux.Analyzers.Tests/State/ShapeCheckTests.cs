using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Routilux.Analyzers.Tests.Infrastructure;
using Xunit;

namespace Routilux.Analyzers.Tests.State;

/// <summary>RTLX2015-RTLX2019: the state of each routine against RoutiluxState.Shipped.json.</summary>
public sealed class ShapeCheckTests
{
    private const string CounterV1 = """
        {
          "format": 1,
          "routines": {
            "Demo.Counter": {
              "1": {
                "count": "int",
                "seen": "System.Collections.Generic.List<string>"
              }
            }
          }
        }

        """;

    [Fact]
    public Task The_recorded_shape_is_silent() => StateTest.Run("""
        namespace Demo;

        [Routine]
        public partial class Counter
        {
            [State(Name = "count")] private int _count;
            [State(Name = "seen")] public List<string?> Seen { get; } = new();
            [Slot] public void Add(int n) => _count += n;
        }
        """,
        CounterV1);

    [Fact]
    public Task Without_a_shape_file_a_changed_shape_is_silent() => StateTest.Run("""
        namespace Demo;

        [Routine]
        public partial class Counter
        {
            [State(Name = "count")] private string _count = "";
            [State] private long unpinned;
            [Slot] public void Add(int n) { _count += n; unpinned += n; }
        }
        """,
        shapeFile: null);

    [Fact]
    public Task A_type_change_without_a_bump_is_reported() => StateTest.Run("""
        namespace Demo;

        [Routine]
        public partial class {|#0:Counter|}
        {
            [State(Name = "count")] private string _count = "";
            [State(Name = "seen")] public List<string> Seen { get; } = new();
            [Slot] public void Add(int n) => _count += n;
        }
        """,
        CounterV1,
        Verify.Diagnostic("RTLX2015", 0).WithArguments("Counter", "1", "'count' changed from int to string", "2"));

    [Fact]
    public Task A_required_member_added_without_a_bump_is_reported() => StateTest.Run("""
        namespace Demo;

        [Routine]
        public partial class {|#0:Counter|}
        {
            [State(Name = "count")] private int _count;
            [State(Name = "seen")] public List<string> Seen { get; } = new();
            [State(Name = "label")] public required string Label { get; set; }
            [Slot] public void Add(int n) => _count += n;
        }
        """,
        CounterV1,
        Verify.Diagnostic("RTLX2015", 0).WithArguments("Counter", "1", "'label' added as required", "2"));

    [Fact]
    public Task Widening_renaming_with_former_names_adding_and_removing_are_compatible() => StateTest.Run("""
        namespace Demo;

        [Routine]
        public partial class {|#0:Counter|}
        {
            [State(Name = "total", FormerNames = new[] { "count" })] private long _count;
            [State(Name = "label")] public string Label { get; set; } = "";
            [Slot] public void Add(int n) => _count += n;
        }
        """,
        CounterV1,
        Verify.Diagnostic("RTLX2017", 0).WithArguments(
            "Counter", "1", "'count' renamed to 'total'; 'total' changed from int to long; 'seen' removed; 'label' added"));

    [Fact]
    public Task A_bumped_version_compares_with_its_own_entry_and_keeps_the_old_one() => StateTest.Run("""
        namespace Demo;

        [Routine(StateVersion = 2)]
        public partial class Counter
        {
            [State(Name = "count")] private string _count = "";
            [State(Name = "seen")] public List<string> Seen { get; } = new();
            [MigrateState(from: 1)] private static void ToV2(JsonObject state) => state["count"] = state["count"]?.ToString();
            [Slot] public void Add(int n) => _count += n;
        }
        """,
        """
        {
          "format": 1,
          "routines": {
            "Demo.Counter": {
              "1": {
                "count": "int",
                "seen": "System.Collections.Generic.List<string>"
              },
              "2": {
                "count": "string",
                "seen": "System.Collections.Generic.List<string>"
              }
            }
          }
        }

        """);

    [Fact]
    public Task A_bumped_version_without_its_entry_is_not_recorded() => StateTest.Run("""
        namespace Demo;

        [Routine(StateVersion = 2)]
        public partial class {|#0:Counter|}
        {
            [State(Name = "count")] private string _count = "";
            [MigrateState(from: 1)] private static void ToV2(JsonObject state) { }
            [Slot] public void Add(int n) => _count += n;
        }
        """,
        CounterV1,
        Verify.Diagnostic("RTLX2016", 0).WithArguments("Counter", "2"));

    [Fact]
    public Task A_version_below_a_recorded_one_is_reported() => StateTest.Run("""
        namespace Demo;

        [Routine]
        public partial class {|#0:Counter|}
        {
            [State(Name = "count")] private int _count;
            [Slot] public void Add(int n) => _count += n;
        }
        """,
        """
        {"format": 1, "routines": {"Demo.Counter": {"1": {"count": "int"}, "3": {"count": "int"}}}}
        """,
        Verify.Diagnostic("RTLX2018", 0).WithArguments("Counter", "1", "3"));

    [Fact]
    public Task Nested_and_generic_routines_are_keyed_by_full_name() => StateTest.Run("""
        namespace Demo;

        public static partial class Stages
        {
            [Routine]
            public partial class Total
            {
                [State(Name = "sum")] private double _sum;
                [Slot] public void Add(double x) => _sum += x;
            }
        }

        [Routine]
        public partial class {|#0:Last|}<T>
        {
            [State(Name = "value")] private T? _value;
            [Slot] public void Set(T x) => _value = x;
        }
        """,
        """
        {"format": 1, "routines": {"Demo.Stages.Total": {"1": {"sum": "double"}}, "Demo.Last<T>": {"1": {"value": "int"}}}}
        """,
        Verify.Diagnostic("RTLX2015", 0).WithArguments("Last<T>", "1", "'value' changed from int to T", "2"));

    [Fact]
    public Task A_broken_shape_file_is_reported_where_it_breaks_and_the_checks_stay_off() => StateTest.Run("""
        namespace Demo;

        [Routine]
        public partial class Counter
        {
            [State] private string count = "";
            [Slot] public void Add(int n) => count += n;
        }
        """,
        "{\"format\": 1, \"routines\": {\"Demo.Counter\": {\"one\": {}}}}",
        new DiagnosticResult("RTLX2019", DiagnosticSeverity.Warning)
            .WithLocation("RoutiluxState.Shipped.json", 1, 45)
            .WithArguments("$.routines['Demo.Counter']['one']: a state version is a whole number of 1 or more, written without leading zeros"));

    [Fact]
    public Task A_shape_file_of_a_newer_format_is_reported() => StateTest.Run("""
        namespace Demo;

        [Routine]
        public partial class Counter
        {
            [State] private string count = "";
            [Slot] public void Add(int n) => count += n;
        }
        """,
        "{\"format\": 2, \"routines\": {}}",
        new DiagnosticResult("RTLX2019", DiagnosticSeverity.Warning)
            .WithLocation("RoutiluxState.Shipped.json", 1, 12)
            .WithArguments("$.format is 2, and these analyzers read format 1; update the Routilux package"));
}
