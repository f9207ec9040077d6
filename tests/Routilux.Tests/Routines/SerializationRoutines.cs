using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Routilux;

[assembly: RoutiluxJsonContext(typeof(Routilux.Tests.Routines.SerializationTestJson))]

namespace Routilux.Tests.Routines;

public enum Color { Red, Green, Blue }

[Flags]
public enum Access { None = 0, Read = 1, Write = 2 }

public sealed record Line(string Product, int Quantity, decimal Price);

public sealed record Node(int Value, List<Node> Children);

/// <summary>A record read through its constructor, with every collection shape and a renamed member.</summary>
public sealed record Order(
    int Id,
    List<Line> Lines,
    Line[] Extra,
    IReadOnlyList<int> Scores,
    IList<string> Notes,
    IEnumerable<long> Stream,
    Dictionary<string, Line> ByName,
    IReadOnlyDictionary<string, double> Rates,
    Node Tree,
    Color Color,
    [property: JsonPropertyName("when")] DateTimeOffset At);

/// <summary>A class read through settable, init-only and required members.</summary>
public sealed class Settings
{
    public required string Name { get; init; }

    public int Retries { get; set; } = 3;

    public string Mode { get; init; } = "fast";

    public List<int>? Limits { get; set; }
}

/// <summary>Outside the built-in shapes: only System.Text.Json (polymorphic) can write it.</summary>
[JsonDerivedType(typeof(Circle), "circle")]
[JsonDerivedType(typeof(Square), "square")]
public abstract class Shape
{
}

public sealed class Circle : Shape
{
    public double Radius { get; set; }
}

public sealed class Square : Shape
{
    public double Side { get; set; }
}

[JsonSerializable(typeof(Shape))]
[JsonSerializable(typeof(HashSet<string>))]
internal sealed partial class SerializationTestJson : JsonSerializerContext
{
}

/// <summary>One slot per group of shapes, so each slot's generated payload serializer can be tested.</summary>
[Routine]
public partial class ShapesRoutine
{
    [Slot]
    public void Numbers(bool b, sbyte sb, byte by, short s, ushort us, int i, uint ui, long l, ulong ul, float f, double d, decimal m, char c, string? text) { }

    [Slot]
    public void Values(DateTime at, DateTimeOffset offset, TimeSpan span, Guid id, Uri? link, byte[] bytes, Color color, Access access, int? some, double? none) { }

    [Slot] public void Orders(Order order) { }

    [Slot] public void Configure(Settings settings) { }

    [Slot] public void Tick() { }

    [Slot] public void Text(string text) { }

    [Slot] public void Delegated(HashSet<string> tags, Shape shape) { }
}

/// <summary>State at version 3: v1 had "n" (a number) and "seen" as one comma-separated string; v2 renamed "n" to "count"; v3 made "seen" a list and renamed "count" to "total".</summary>
[Routine(Name = "counter", StateVersion = 3)]
public partial class StatefulCounter
{
    [State(Name = "total", FormerNames = new[] { "count" })]
    public long Total { get; set; }

    [State(Name = "seen")]
    private readonly List<string> _seen = new();

    [State(Name = "ratio")]
    public double Ratio { get; set; }

    [State(Name = "byKey")]
    public Dictionary<string, int> ByKey { get; private set; } = new();

    public IReadOnlyList<string> Seen => _seen;

    [Slot]
    public void In(string word)
    {
        Total++;
        _seen.Add(word);
    }

    [MigrateState(from: 1)]
    private static void ToV2(JsonObject state)
    {
        state["count"] = state["n"]?.DeepClone();
        state.Remove("n");
    }

    [MigrateState(from: 2)]
    private static void ToV3(JsonObject state)
    {
        var seen = new JsonArray();
        foreach (var word in (state["seen"]?.GetValue<string>() ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            seen.Add(word);
        }

        state["seen"] = seen;
    }
}

/// <summary>[State] on the class: every field is state except [NotState]; version 3 with the step from 1 missing.</summary>
[Routine(StateVersion = 3), State]
public partial class WholeStateRoutine
{
    private int _count;

    [NotState]
    private int _cache;

    public int Count => _count + _cache;

    [Slot]
    public void In(int x)
    {
        _count += x;
        _cache = x;
    }

    [MigrateState(from: 2)]
    private static void ToV3(JsonObject state) => state["_count"] = 0;
}
