using System.Threading.Tasks;
using Routilux.Analyzers.Tests.Infrastructure;
using Xunit;

namespace Routilux.Analyzers.Tests.State;

/// <summary>RTLX2013 (a shipped routine's state name taken from its C# name) and RTLX2014 (two members, one name).</summary>
public sealed class StateNameTests
{
    private const string Shipped = """
        {
          "format": 1,
          "routines": {
            "Demo.Counter": {
              "1": {
                "Label": "string",
                "count": "long"
              }
            }
          }
        }

        """;

    [Fact]
    public Task Unpinned_names_of_a_shipped_routine_are_reported() => StateTest.Run("""
        namespace Demo;

        [Routine]
        public partial class Counter
        {
            [State(Name = "count")] private long _count;
            [State] public string {|#0:Label|} { get; set; } = "";
            [Slot] public void Add(int n) => _count += n;
        }
        """,
        Shipped,
        Verify.Diagnostic("RTLX2013", 0).WithArguments("Label", "Counter", "Label"));

    [Fact]
    public Task Class_level_state_of_a_shipped_routine_is_reported_per_member() => StateTest.Run("""
        namespace Demo;

        [Routine, State]
        public partial class Counter
        {
            private long {|#0:count|};
            [State(Name = "Label")] public string Label { get; set; } = "";
            [NotState] private int _cache;
            [Slot] public void Add(int n) { count += n; _cache = n; }
        }
        """,
        Shipped,
        Verify.Diagnostic("RTLX2013", 0).WithArguments("count", "Counter", "count"));

    [Fact]
    public Task Unpinned_names_are_fine_before_the_routine_ships() => StateTest.Run("""
        namespace Demo;

        [Routine]
        public partial class Counter
        {
            [State] private long count;
            [State] public string Label { get; set; } = "";
            [Slot] public void Add(int n) => count += n;
        }

        [Routine]
        public partial class Other
        {
            [State] private long total;
            [Slot] public void Add(int n) => total += n;
        }
        """,
        shapeFile: null);

    [Fact]
    public Task A_routine_missing_from_the_file_has_not_shipped() => StateTest.Run("""
        namespace Demo;

        [Routine]
        public partial class Counter
        {
            [State(Name = "count")] private long _count;
            [State(Name = "Label")] public string Label { get; set; } = "";
            [Slot] public void Add(int n) => _count += n;
        }

        [Routine]
        public partial class {|#0:Other|}
        {
            [State] private long total;
            [Slot] public void Add(int n) => total += n;
        }
        """,
        Shipped,
        Verify.Diagnostic("RTLX2016", 0).WithArguments("Other", "1"));

    [Fact]
    public Task Names_and_former_names_shared_by_two_members_are_errors() => StateTest.Run("""
        namespace Demo;

        [Routine]
        public partial class Counter
        {
            [State(Name = "count", FormerNames = new[] { "n" })] private long _count;
            [State(Name = "count")] private long {|#0:_other|};
            [State(Name = "total", FormerNames = new[] { "n" })] private long {|#1:_total|};
            [State(Name = "n2", FormerNames = new[] { "count" })] private long {|#2:_n2|};
            [State] private long {|#3:n|};
            [Slot] public void Add(int x) { _count += x; _other += x; _total += x; _n2 += x; n += x; }
        }
        """,
        shapeFile: null,
        Verify.Diagnostic("RTLX2014", 0).WithArguments("_other", "Counter", "count", "the saved name of '_count'"),
        Verify.Diagnostic("RTLX2014", 1).WithArguments("_total", "Counter", "n", "a former name of '_count'"),
        Verify.Diagnostic("RTLX2014", 2).WithArguments("_n2", "Counter", "count", "the saved name of '_count'"),
        Verify.Diagnostic("RTLX2014", 3).WithArguments("n", "Counter", "n", "a former name of '_count'"));

    [Fact]
    public Task A_former_name_equal_to_the_members_own_name_is_no_collision() => StateTest.Run("""
        namespace Demo;

        [Routine]
        public partial class Counter
        {
            [State(Name = "count", FormerNames = new[] { "count", "n" })] private long _count;
            [Slot] public void Add(int x) => _count += x;
        }
        """,
        shapeFile: null);
}
