using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Routilux.Execution;
using Routilux.Serialization;

namespace Routilux.Tests.Routines;

/// <summary>Splits a line into words and reports its length: two events of different payload types.</summary>
[Routine]
public partial class DefSplitter
{
    [Slot]
    public void Text(string line)
    {
        Length(line.Length);
        foreach (var word in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            Word(word);
        }
    }

    [Emits]
    public partial void Word(string word);

    [Emits]
    public partial void Length(int length);
}

/// <summary>Counts words; Reset is optional, and Word declares its own capacity and queue policy.</summary>
[Routine]
public partial class DefWordTally
{
    public int Count { get; private set; }

    [Slot(Capacity = 16, WhenFull = QueueFullPolicy.Fail)]
    public void Word(string word)
    {
        Count++;
        Counted(Count);
    }

    [Slot(Optional = true)]
    public void Reset() => Count = 0;

    [Emits]
    public partial void Counted(int count);
}

/// <summary>Has no parameterless constructor, so it cannot be created by name.</summary>
[Routine]
public partial class DefNeedsArguments
{
    private readonly string _prefix;

    public DefNeedsArguments(string prefix) => _prefix = prefix;

    [Slot]
    public void In(string text) => Out(_prefix + text);

    [Emits]
    public partial void Out(string text);
}

/// <summary>
/// A routine with saved state, written by hand the way the generator writes one (descriptor, dispatch, state
/// serializer), so flow definitions' "config" is tested against a real <see cref="StateSerializer"/> until the
/// generated ones land. State version 2: version 1 called "total" "sum". Adds what it receives to its total and
/// emits the total, tagged with its label.
/// </summary>
public sealed class StatefulTotal : IRoutineDefinition<StatefulTotal>
{
    private static readonly RoutineDescriptor TotalDescriptor = new(
        "StatefulTotal",
        typeof(StatefulTotal),
        "Adds what it receives to its total.",
        new[] { SlotDescriptor.Create<int>("Add", 0, new[] { "value" }, string.Empty, optional: false, capacity: 0) },
        new[] { EventDescriptor.Create<string>("Total", 0, new[] { "total" }, string.Empty) },
        static () => new StatefulTotal(),
        stateSerializer: new TotalSerializer());

    private RoutineCell? _cell;

    public static RoutineDescriptor Descriptor => TotalDescriptor;

    public int Total { get; set; }

    public string Label { get; set; } = "total";

    /// <summary>Members a newer build wrote, kept and written back: the overflow bag.</summary>
    public Dictionary<string, JsonNode?> Overflow { get; } = new(StringComparer.Ordinal);

    public void Attach(RoutineCell cell) => _cell = cell;

    public ValueTask Invoke(int slot, RoutineCell cell)
    {
        if (slot != 0)
        {
            throw RoutineCell.UnknownSlot(nameof(StatefulTotal), slot);
        }

        Total += cell.Payload<int>(0);
        RoutineCell.EnsureAttached(_cell, nameof(StatefulTotal), "Total").Emit(0, $"{Label}={Total}");
        return default;
    }

    [ModuleInitializer]
    internal static void Register() => RoutineCatalog.Register<StatefulTotal>();

    private sealed class TotalSerializer : StateSerializer
    {
        private static readonly string[] Names = { "total", "label" };

        public TotalSerializer()
            : base(2)
        {
        }

        public override IReadOnlyList<string> MemberNames => Names;

        public override void Write(Utf8JsonWriter writer, IRoutine routine)
        {
            var total = (StatefulTotal)routine;
            writer.WriteStartObject();
            writer.WriteNumber("total", total.Total);
            writer.WriteString("label", total.Label);
            foreach (var (name, value) in total.Overflow)
            {
                writer.WritePropertyName(name);
                if (value is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    value.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        public override void Read(ref Utf8JsonReader reader, IRoutine routine)
        {
            var total = (StatefulTotal)routine;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new RoutiluxSerializationException($"The state of StatefulTotal must be an object, not {reader.TokenType}.");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                switch (name)
                {
                    case "total":
                        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var value))
                        {
                            throw new RoutiluxSerializationException($"State member 'total' of StatefulTotal must be an integer, not {reader.TokenType}.");
                        }

                        total.Total = value;
                        break;
                    case "label":
                        total.Label = reader.TokenType == JsonTokenType.String
                            ? reader.GetString()!
                            : throw new RoutiluxSerializationException($"State member 'label' of StatefulTotal must be a string, not {reader.TokenType}.");
                        break;
                    default:
                        total.Overflow[name] = JsonNode.Parse(ref reader);
                        break;
                }
            }
        }

        public override void Migrate(JsonObject state, int fromVersion)
        {
            if (fromVersion < 2 && state.Remove("sum", out var sum))
            {
                state["total"] = sum;
            }
        }
    }
}

/// <summary>
/// Like <see cref="StatefulTotal"/> but its serializer does not list its member names, as serializers written before
/// <see cref="StateSerializer.MemberNames"/> existed: config keys are checked against the names it writes instead.
/// </summary>
public sealed class UnlistedState : IRoutineDefinition<UnlistedState>
{
    private static readonly RoutineDescriptor UnlistedDescriptor = new(
        "UnlistedState",
        typeof(UnlistedState),
        string.Empty,
        new[] { SlotDescriptor.Create<int>("In", 0, new[] { "value" }, string.Empty, optional: false, capacity: 0) },
        Array.Empty<EventDescriptor>(),
        static () => new UnlistedState(),
        stateSerializer: new Serializer());

    public static RoutineDescriptor Descriptor => UnlistedDescriptor;

    public string Name { get; set; } = string.Empty;

    public void Attach(RoutineCell cell)
    {
    }

    public ValueTask Invoke(int slot, RoutineCell cell) => default;

    [ModuleInitializer]
    internal static void Register() => RoutineCatalog.Register<UnlistedState>();

    private sealed class Serializer : StateSerializer
    {
        public Serializer()
            : base(1)
        {
        }

        public override void Write(Utf8JsonWriter writer, IRoutine routine)
        {
            writer.WriteStartObject();
            writer.WriteString("name", ((UnlistedState)routine).Name);
            writer.WriteEndObject();
        }

        public override void Read(ref Utf8JsonReader reader, IRoutine routine)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                if (name == "name")
                {
                    ((UnlistedState)routine).Name = reader.GetString()!;
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        public override void Migrate(JsonObject state, int fromVersion)
        {
        }
    }
}
