using Routilux.Generators.Tests.Infrastructure;
using Xunit;

namespace Routilux.Generators.Tests;

/// <summary>Generated descriptors, dispatch and ports for buffered slots ([Batch], [Interval], [ActivateWhen]) and [Join] methods.</summary>
public sealed class ActivationSnapshotTests
{
    [Fact]
    public void BatchSlots() => GeneratedSource.Verify("""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Routilux;

        namespace Demo;

        public sealed record Row(int Id);

        [Routine]
        public partial class Writer
        {
            [Slot] public void Open(string path) { }

            /// <summary>Rows to write.</summary>
            [Slot, Batch(3, MaxWaitMilliseconds = 200)] public void Rows(IReadOnlyList<Row> rows) { }

            [Slot, Batch(100)] public ValueTask Bulk(CancellationToken ct, IReadOnlyList<Row> rows, RoutineContext context) => default;

            [Slot(Name = "lines", Capacity = 50, WhenFull = QueueFullPolicy.DropOldest), Batch(10, MaxWaitMilliseconds = 12.5)]
            public Task Lines(IReadOnlyList<string?> lines) => Task.CompletedTask;

            [Batch(2, MaxWaitMilliseconds = 0), Slot] public void Pairs(IReadOnlyList<(int a, int b)> pairs) { }
        }
        """);

    [Fact]
    public void IntervalSlots() => GeneratedSource.Verify("""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Routilux;

        namespace Demo;

        [Routine]
        public partial class Sampler
        {
            [Slot, Interval(500)] public void Readings(IReadOnlyList<double> readings) { }
            [Slot, Interval(0.25)] public async ValueTask Fast(IReadOnlyList<int> values, RoutineContext context) { await Task.Yield(); }
        }
        """);

    [Fact]
    public void ActivateWhenPredicates() => GeneratedSource.Verify("""
        using System.Collections.Generic;
        using Routilux;

        namespace Demo;

        [Routine]
        public partial class Gate
        {
            [Slot, ActivateWhen(nameof(Enough))] public void Items(IReadOnlyList<string> items) { }
            [Slot, ActivateWhen(nameof(Pressured))] public void Urgent(IReadOnlyList<int> items) { }
            [Slot, ActivateWhen("class")] public void Keyword(IReadOnlyList<int> items) { }

            public bool Enough(ActivationState state) => state.Buffered >= 10;
            private static bool Pressured(ActivationState state) => state.Queue.Length > 0;
            private bool @class(ActivationState state) => true;

            // Overloads that do not fit are passed over for the one that does.
            public bool Enough(int count) => count > 0;
        }
        """);

    [Fact]
    public void LiteralsAreEmittedAsWritten() => GeneratedSource.Verify("""
        using System.Collections.Generic;
        using Routilux;

        namespace Demo;

        // The runtime rejects these when the flow is built, naming the routine and slot.
        [Routine]
        public partial class Odd
        {
            [Slot, Batch(0)] public void Empty(IReadOnlyList<int> items) { }
            [Slot, Batch(-2, MaxWaitMilliseconds = -5)] public void Negative(IReadOnlyList<int> items) { }
            [Slot, Interval(-1)] public void Backwards(IReadOnlyList<int> items) { }
            [Slot, Interval(1e-7)] public void Tiny(IReadOnlyList<int> items) { }
        }
        """);

    [Fact]
    public void JoinMethods() => GeneratedSource.Verify("""
        using System.Threading;
        using System.Threading.Tasks;
        using Routilux;

        namespace Demo;

        public sealed record Order(int Id);
        public sealed record Payment(int OrderId);

        [Routine]
        public partial class Matcher
        {
            [Slot] public void Reset() { }

            /// <summary>Pairs an order with its payment.</summary>
            [Join] public void Match(Order order, Payment payment) { }

            [Emits] public partial void Matched(Order order);

            [Join(Optional = true, Capacity = 16)]
            public async ValueTask Settle(CancellationToken ct, Payment receipt, RoutineContext context, int @event, string note)
            {
                await Task.Yield();
            }

            [Join] public Task Audit(Order left, RoutineContext context, Order right) => Task.CompletedTask;

            [Slot] public void Last(int value) { }
        }
        """);

    [Fact]
    public void GenericRoutineWithBatchSlot() => GeneratedSource.Verify("""
        using System.Collections.Generic;
        using Routilux;

        namespace Demo;

        [Routine]
        public partial class Buf<T>
            where T : notnull
        {
            [Slot, Batch(8, MaxWaitMilliseconds = 50)] public void Items(IReadOnlyList<T> items) { }
            [Slot, ActivateWhen(nameof(Full))] public void More(IReadOnlyList<T> items) { }
            [Slot, ActivateWhen(nameof(Static))] public void Rare(IReadOnlyList<T> items) { }
            [Join] public void Both(T first, T second) { }

            internal bool Full(ActivationState state) => state.Buffered >= 8;
            internal static bool Static(ActivationState state) => false;
        }
        """);
}
