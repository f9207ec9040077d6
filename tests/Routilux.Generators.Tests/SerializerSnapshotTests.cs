using Routilux.Generators.Tests.Infrastructure;
using Xunit;

namespace Routilux.Generators.Tests;

/// <summary>
/// Generated serializers: a stateful routine (state members with names, former names, a readonly list filled in place,
/// a required member, migrations and the overflow bag), payloads of records, enums, collections and a recursive type,
/// Each snapshot also compiles without warnings. (Delegation to a JsonSerializerContext needs System.Text.Json's own
/// generator, which this harness does not run: tests/Routilux.Tests covers it, PayloadRoundTripTests.)
/// </summary>
public sealed class SerializerSnapshotTests
{
    [Fact]
    public void StatefulRoutine() => GeneratedSource.Verify("""
        using System.Collections.Generic;
        using System.Text.Json.Nodes;
        using System.Text.Json.Serialization;
        using Routilux;

        namespace Demo;

        public enum Priority { Low, High }

        public sealed record Item(string Name, Priority Priority, [property: JsonPropertyName("qty")] int Quantity, List<Item> Parts);

        public sealed class Options
        {
            public required string Label { get; init; }
            public int Retries { get; set; } = 3;
            [JsonIgnore] public int Ignored { get; set; }
        }

        [Routine(StateVersion = 3)]
        public partial class Ledger
        {
            [State(Name = "total", FormerNames = new[] { "sum" })] private decimal _total;
            [State] private readonly List<Item> _items = new();
            [State] public Dictionary<string, long?> Counts { get; private set; } = new();

            [Slot] public void Add(Item item) { }
            [Slot] public void Configure(Options options, bool reset) { }

            [MigrateState(from: 1)] private static void ToV2(JsonObject state) { }
            [MigrateState(from: 2)] private static void ToV3(JsonObject state) { }
        }
        """);
}
