using Routilux.Generators.Tests.Infrastructure;
using Xunit;

namespace Routilux.Generators.Tests;

/// <summary>Generated dispatch, descriptors and ports for each shape of [Slot] method.</summary>
public sealed class SlotSnapshotTests
{
    [Fact]
    public void SingleParameterSlot() => GeneratedSource.Verify("""
        using Routilux;

        namespace Demo;

        [Routine]
        public partial class Printer
        {
            [Slot] public void Print(string line) { }
        }
        """);

    [Fact]
    public void TupleSlot() => GeneratedSource.Verify("""
        using Routilux;

        namespace Demo;

        [Routine]
        public partial class Adder
        {
            [Slot] public void Add(int left, int right, string? label) { }
        }
        """);

    [Fact]
    public void ZeroParameterSlot() => GeneratedSource.Verify("""
        using Routilux;

        namespace Demo;

        [Routine]
        public partial class Ticker
        {
            [Slot] public void Tick() { }
        }
        """);

    [Fact]
    public void RuntimeParametersInAnyPosition() => GeneratedSource.Verify("""
        using System.Threading;
        using Routilux;

        namespace Demo;

        [Routine]
        public partial class Worker
        {
            [Slot] public void First(CancellationToken ct, string text) { }
            [Slot] public void Middle(int a, RoutineContext context, int b) { }
            [Slot] public void Last(string s, CancellationToken ct, RoutineContext ctx) { }
            [Slot] public void OnlyRuntime(RoutineContext context, CancellationToken ct) { }
        }
        """);

    [Fact]
    public void AsyncSlots() => GeneratedSource.Verify("""
        using System.Threading;
        using System.Threading.Tasks;
        using Routilux;

        namespace Demo;

        [Routine]
        public partial class Fetcher
        {
            [Slot] public async ValueTask Fetch(string url, CancellationToken ct) { await Task.Yield(); }
            [Slot] public Task Flush() => Task.CompletedTask;
            [Slot] public ValueTask Store(int a, int b) => default;
        }
        """);

    [Fact]
    public void SlotOptions() => GeneratedSource.Verify("""
        using Routilux;

        namespace Demo;

        [Routine]
        public partial class Options
        {
            [Slot(Name = "pair", Optional = true, Capacity = 8)] public void Add(int a, int b) { }
            [Slot(Optional = true)] public void Maybe(string s) { }
            [Slot(Capacity = 1)] public void Narrow(long value) { }
        }
        """);

    [Fact]
    public void SlotParameterModifiers() => GeneratedSource.Verify("""
        using Routilux;

        namespace Demo;

        [Routine]
        public partial class Modifiers
        {
            [Slot] public void Keywords(int @class, string @event) { }
            [Slot] public void InAndParams(in decimal amount, params string[] tags) { }
            [Slot] public void ReservedTupleNames(int Item2, int Rest) { }
            [Slot] private void Hidden(string s) { }
        }
        """);
}
