using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Routilux.Generators.Tests.Infrastructure;
using Xunit;

namespace Routilux.Generators.Tests;

/// <summary>
/// Routines with buffered slots and joins, wired with the generated ports, compile without a warning in C# 12 and
/// in Preview (the newest language Roslyn 4.8 parses); a buffered slot's port carries the list's element type.
/// </summary>
public sealed class ActivationCompileTests
{
    private const string Routines = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Routilux;

        namespace Demo.Shop;

        /// <summary>An order.</summary>
        public sealed record Order(int Id);

        /// <summary>A payment.</summary>
        public sealed record Payment(int OrderId);

        /// <summary>Produces orders and payments.</summary>
        [Routine]
        public partial class Till
        {
            /// <summary>Starts.</summary>
            [Slot] public void Start(int count) { for (var i = 0; i < count; i++) { Ordered(new Order(i)); Paid(new Payment(i)); } }

            /// <summary>An order.</summary>
            [Emits] public partial void Ordered(Order order);

            /// <summary>A payment.</summary>
            [Emits] public partial void Paid(Payment payment);
        }

        /// <summary>Pairs and stores.</summary>
        [Routine]
        public sealed partial class Ledger
        {
            /// <summary>Orders in batches.</summary>
            [Slot, Batch(50, MaxWaitMilliseconds = 100)] public ValueTask Orders(IReadOnlyList<Order> orders, CancellationToken ct) => default;

            /// <summary>Payments once a second.</summary>
            [Slot(Capacity = 10), Interval(1000)] public Task Payments(RoutineContext context, IReadOnlyList<Payment> payments) => Task.CompletedTask;

            /// <summary>Orders when there are enough.</summary>
            [Slot(Optional = true), ActivateWhen(nameof(Enough))] public void Spare(IReadOnlyList<Order> orders) { }

            /// <summary>An order and its payment.</summary>
            [Join(Capacity = 100)] public async ValueTask Match(Order order, Payment payment, CancellationToken ct) => await Task.Delay(1, ct);

            private bool Enough(ActivationState state) => state.Buffered > 3;
        }

        /// <summary>Batches anything.</summary>
        [Routine]
        public partial class Batcher<T>
        {
            /// <summary>Items.</summary>
            [Slot, Batch(10)] public void In(IReadOnlyList<T> items) => Out(items.Count);

            /// <summary>A count.</summary>
            [Emits] public partial void Out(int count);
        }

        /// <summary>Wiring.</summary>
        public static class Wiring
        {
            /// <summary>Builds a flow with typed ports.</summary>
            public static Flow Build()
            {
                var flow = new FlowBuilder("shop");
                var till = flow.Add<Till>("till");
                var ledger = flow.Add<Ledger>("ledger");
                var batcher = flow.Add<Batcher<Order>>("batcher");
                flow.Connect(till.Ordered(), ledger.Orders());
                flow.Connect(till.Paid(), ledger.Payments());
                flow.Connect(till.Ordered(), ledger.Order());
                flow.Connect(till.Paid(), ledger.Payment());
                flow.Connect(till.Ordered(), batcher.In());
                flow.Entry(till.Start());
                return flow.Build();
            }
        }
        """;

    [Theory]
    [InlineData(LanguageVersion.CSharp12)]
    [InlineData(LanguageVersion.Preview)]
    public void GeneratedCodeCompilesWithoutWarnings(LanguageVersion version)
    {
        var generated = GeneratedSource.GenerateCleanly(Routines, version);

        Assert.Equal(
            new[] { "Demo.Shop.Batcher_T1.Routine.g.cs", "Demo.Shop.Ledger.Routine.g.cs", "Demo.Shop.Till.Routine.g.cs", "RoutiluxCatalog.g.cs" },
            generated.Select(file => file.HintName));
    }

    [Theory]
    [InlineData("flow.Connect(till.Ordered(), ledger.Payments());")]
    [InlineData("flow.Connect(till.Ordered(), ledger.Payment());")]
    public void ConnectingTheWrongElementTypeDoesNotCompile(string wrong)
    {
        var source = Routines.Replace("flow.Entry(till.Start());", wrong + " flow.Entry(till.Start());");

        var (_, output) = GeneratorHarness.Run(GeneratorHarness.Compile(source));

        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.NotEmpty(errors);
        var line = source.Split('\n').ToList().FindIndex(l => l.Contains(wrong, StringComparison.Ordinal));
        Assert.All(errors, error => Assert.Equal(line, error.Location.GetLineSpan().StartLinePosition.Line));
    }
}
