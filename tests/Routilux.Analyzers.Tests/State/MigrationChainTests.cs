using System.Threading.Tasks;
using Routilux.Analyzers.Tests.Infrastructure;
using Xunit;

namespace Routilux.Analyzers.Tests.State;

/// <summary>RTLX2010-RTLX2012: one migration per step from 1 to StateVersion - 1, none twice, none outside.</summary>
public sealed class MigrationChainTests
{
    [Fact]
    public Task A_whole_chain_is_silent() => StateTest.Run("""
        namespace Demo;

        [Routine(StateVersion = 3)]
        public partial class Counter
        {
            [State(Name = "count")] private long _count;
            [MigrateState(from: 1)] private static void ToV2(JsonObject state) { }
            [MigrateState(from: 2)] private static void ToV3(JsonObject state) { }
            [Slot] public void Add(int n) => _count += n;
        }
        """, shapeFile: null);

    [Fact]
    public Task Version_1_without_migrations_is_silent() => StateTest.Run("""
        namespace Demo;

        [Routine]
        public partial class Counter
        {
            [State] private long _count;
            [Slot] public void Add(int n) => _count += n;
        }
        """, shapeFile: null);

    [Fact]
    public Task Each_missing_step_is_reported_with_its_versions() => StateTest.Run("""
        namespace Demo;

        [Routine({|#0:StateVersion = 4|})]
        public partial class Counter
        {
            [State(Name = "count")] private long _count;
            [MigrateState(from: 2)] private static void ToV3(JsonObject state) { }
            [Slot] public void Add(int n) => _count += n;
        }
        """,
        shapeFile: null,
        Verify.Diagnostic("RTLX2010", 0).WithArguments("Counter", "4", "1", "2"),
        Verify.Diagnostic("RTLX2010", 0).WithArguments("Counter", "4", "3", "4"));

    [Fact]
    public Task A_bump_without_any_migration_is_a_gap() => StateTest.Run("""
        namespace Demo;

        [Routine(Name = "counter", {|#0:StateVersion = 2|})]
        public partial class Counter
        {
            [State] public long Count { get; set; }
            [Slot] public void Add(int n) => Count += n;
        }
        """,
        shapeFile: null,
        Verify.Diagnostic("RTLX2010", 0).WithArguments("Counter", "2", "1", "2"));

    [Fact]
    public Task Two_migrations_from_one_version_are_reported_on_the_second() => StateTest.Run("""
        namespace Demo;

        [Routine(StateVersion = 2)]
        public partial class Counter
        {
            [State(Name = "count")] private long _count;
            [MigrateState(from: 1)] private static void ToV2(JsonObject state) { }
            [{|#0:MigrateState(1)|}] private static void AlsoToV2(JsonObject state) { }
            [Slot] public void Add(int n) => _count += n;
        }
        """,
        shapeFile: null,
        Verify.Diagnostic("RTLX2011", 0).WithArguments("ToV2", "AlsoToV2", "Counter", "1"));

    [Fact]
    public Task Migrations_from_the_current_version_or_above_or_below_1_are_reported() => StateTest.Run("""
        namespace Demo;

        [Routine(StateVersion = 2)]
        public partial class Counter
        {
            [State(Name = "count")] private long _count;
            [MigrateState(from: 1)] private static void ToV2(JsonObject state) { }
            [{|#0:MigrateState(from: 2)|}] private static void ToV3(JsonObject state) { }
            [{|#1:MigrateState(from: 0)|}] private static void FromNothing(JsonObject state) { }
            [Slot] public void Add(int n) => _count += n;
        }
        """,
        shapeFile: null,
        Verify.Diagnostic("RTLX2012", 0).WithArguments(
            "ToV3", "Counter", "2", "the routine is at StateVersion 2, so its migrations go from 1 to 1; if this is the newest step, set StateVersion = 3"),
        Verify.Diagnostic("RTLX2012", 1).WithArguments(
            "FromNothing", "Counter", "0", "state versions start at 1, so nothing is ever saved at version 0; migrate from 1 or remove it"));

    [Fact]
    public Task A_migration_at_version_1_is_reported() => StateTest.Run("""
        namespace Demo;

        [Routine]
        public partial class Counter
        {
            [State(Name = "count")] private long _count;
            [{|#0:MigrateState(from: 1)|}] private static void ToV2(JsonObject state) { }
            [Slot] public void Add(int n) => _count += n;
        }
        """,
        shapeFile: null,
        Verify.Diagnostic("RTLX2012", 0).WithArguments(
            "ToV2", "Counter", "1", "the routine is at StateVersion 1, which reads no older version; if this is the newest step, set StateVersion = 2"));
}
