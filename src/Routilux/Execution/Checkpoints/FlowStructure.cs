using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

namespace Routilux.Execution;

/// <summary>
/// The structure of a flow that a checkpoint depends on: routine ids and types, slots and events with their payload
/// types, connections and entries (not capacities or policies, which may change between a checkpoint and its resume).
/// Written into every checkpoint with a hash, so a resume into a flow of another shape fails naming what differs.
/// </summary>
/// <remarks>Invariants: every collection is sorted by ordinal order, so the written form and its hash depend on nothing else.</remarks>
internal sealed class FlowStructure
{
    private FlowStructure(SortedDictionary<string, RoutineShape> routines, SortedSet<string> connections, SortedSet<string> entries)
    {
        Routines = routines;
        Connections = connections;
        Entries = entries;
        Hash = ComputeHash();
    }

    public SortedDictionary<string, RoutineShape> Routines { get; }

    /// <summary>"source.Event -> target.Slot".</summary>
    public SortedSet<string> Connections { get; }

    /// <summary>"routine.Slot".</summary>
    public SortedSet<string> Entries { get; }

    /// <summary>SHA-256 of the written form, lower-case hex.</summary>
    public string Hash { get; }

    public static FlowStructure Of(Flow flow)
    {
        var routines = new SortedDictionary<string, RoutineShape>(StringComparer.Ordinal);
        var entries = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var routine in flow.Routines)
        {
            var descriptor = routine.Descriptor;
            var slots = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var slot in descriptor.Slots)
            {
                slots[slot.Name] = TypeNames.Qualified(slot.PayloadType);
                if (routine.IsEntry(slot.Index))
                {
                    entries.Add($"{routine.Id}.{slot.Name}");
                }
            }

            var events = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var @event in descriptor.Events)
            {
                events[@event.Name] = TypeNames.Qualified(@event.PayloadType);
            }

            routines[routine.Id] = new RoutineShape(descriptor.Name, slots, events);
        }

        var connections = new SortedSet<string>(flow.Connections.Select(c => c.ToString()), StringComparer.Ordinal);
        return new FlowStructure(routines, connections, entries);
    }

    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("routines");
        foreach (var (id, shape) in Routines)
        {
            writer.WriteStartObject(id);
            writer.WriteString("type", shape.Type);
            WriteMap(writer, "slots", shape.Slots);
            WriteMap(writer, "events", shape.Events);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        WriteList(writer, "connections", Connections);
        WriteList(writer, "entries", Entries);
        writer.WriteEndObject();
    }

    /// <summary>Reads a structure written by <see cref="Write"/>.</summary>
    /// <exception cref="KeyNotFoundException">A member is missing.</exception>
    /// <exception cref="InvalidOperationException">A member has the wrong kind of value.</exception>
    public static FlowStructure Read(JsonElement element)
    {
        var routines = new SortedDictionary<string, RoutineShape>(StringComparer.Ordinal);
        foreach (var routine in element.GetProperty("routines").EnumerateObject())
        {
            routines[routine.Name] = new RoutineShape(
                routine.Value.GetProperty("type").GetString()!, ReadMap(routine.Value.GetProperty("slots")), ReadMap(routine.Value.GetProperty("events")));
        }

        return new FlowStructure(routines, ReadList(element.GetProperty("connections")), ReadList(element.GetProperty("entries")));
    }

    /// <summary>What differs between this flow's structure and <paramref name="saved"/>'s, one line each; empty when none.</summary>
    public IReadOnlyList<string> DifferencesFrom(FlowStructure saved)
    {
        var differences = new List<string>();
        foreach (var (id, shape) in saved.Routines)
        {
            if (!Routines.TryGetValue(id, out var now))
            {
                differences.Add($"routine '{id}' ({shape.Type}) is in the checkpoint but not in the flow");
                continue;
            }

            if (now.Type != shape.Type)
            {
                differences.Add($"routine '{id}' is a {shape.Type} in the checkpoint but a {now.Type} in the flow");
                continue;
            }

            CompareMap(differences, $"routine '{id}'", "slot", shape.Slots, now.Slots);
            CompareMap(differences, $"routine '{id}'", "event", shape.Events, now.Events);
        }

        foreach (var (id, shape) in Routines)
        {
            if (!saved.Routines.ContainsKey(id))
            {
                differences.Add($"routine '{id}' ({shape.Type}) is in the flow but not in the checkpoint");
            }
        }

        CompareSet(differences, "connection", saved.Connections, Connections);
        CompareSet(differences, "entry", saved.Entries, Entries);
        return differences;
    }

    private static void CompareMap(List<string> differences, string owner, string kind, SortedDictionary<string, string> saved, SortedDictionary<string, string> now)
    {
        foreach (var (name, type) in saved)
        {
            if (!now.TryGetValue(name, out var nowType))
            {
                differences.Add($"{owner} has {kind} '{name}' in the checkpoint but not in the flow");
            }
            else if (nowType != type)
            {
                differences.Add($"{owner}'s {kind} '{name}' carries {type} in the checkpoint but {nowType} in the flow");
            }
        }

        foreach (var name in now.Keys.Where(n => !saved.ContainsKey(n)))
        {
            differences.Add($"{owner} has {kind} '{name}' in the flow but not in the checkpoint");
        }
    }

    private static void CompareSet(List<string> differences, string kind, SortedSet<string> saved, SortedSet<string> now)
    {
        differences.AddRange(saved.Where(c => !now.Contains(c)).Select(c => $"{kind} {c} is in the checkpoint but not in the flow"));
        differences.AddRange(now.Where(c => !saved.Contains(c)).Select(c => $"{kind} {c} is in the flow but not in the checkpoint"));
    }

    private string ComputeHash()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer);
        }

        return Convert.ToHexString(SHA256.HashData(buffer.WrittenSpan)).ToLowerInvariant();
    }

    private static void WriteMap(Utf8JsonWriter writer, string name, SortedDictionary<string, string> map)
    {
        writer.WriteStartObject(name);
        foreach (var (key, value) in map)
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }

    private static void WriteList(Utf8JsonWriter writer, string name, SortedSet<string> items)
    {
        writer.WriteStartArray(name);
        foreach (var item in items)
        {
            writer.WriteStringValue(item);
        }

        writer.WriteEndArray();
    }

    private static SortedDictionary<string, string> ReadMap(JsonElement element) =>
        new(element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal), StringComparer.Ordinal);

    private static SortedSet<string> ReadList(JsonElement element) =>
        new(element.EnumerateArray().Select(e => e.GetString()!), StringComparer.Ordinal);

    /// <summary>A routine's type (catalog name), and its slots' and events' payload types by name.</summary>
    internal sealed record RoutineShape(string Type, SortedDictionary<string, string> Slots, SortedDictionary<string, string> Events);
}
