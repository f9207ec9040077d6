using System.Text.Json;

namespace Routilux;

/// <summary>
/// A plain description of a built flow — routines with their typed ports, connections, entries and the dependency
/// graph — for tools, hosts and docs. <see cref="ToJson"/> writes it as a versioned JSON document.
/// </summary>
public sealed class FlowDescription
{
    /// <summary>The version of the JSON document <see cref="ToJson"/> writes.</summary>
    public const int FormatVersion = 1;

    internal FlowDescription(Flow flow) => Flow = flow;

    /// <summary>The flow described.</summary>
    public Flow Flow { get; }

    /// <summary>For each routine id, the ids of the routines whose events feed it, in flow order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Dependencies
    {
        get
        {
            var upstream = Flow.Routines.ToDictionary(r => r.Id, _ => new List<string>(), StringComparer.Ordinal);
            foreach (var connection in Flow.Connections)
            {
                var list = upstream[connection.Target.Id];
                if (!list.Contains(connection.Source.Id))
                {
                    list.Add(connection.Source.Id);
                }
            }

            return upstream.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal);
        }
    }

    /// <summary>
    /// Writes the description as indented JSON. Its first member is <c>"format"</c> (see <see cref="FormatVersion"/>),
    /// as in every document Routilux writes, so a reader can tell which shape follows before reading it.
    /// </summary>
    public string ToJson()
    {
        using var buffer = new System.IO.MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            Write(json);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>
    /// Writes the flow as a Mermaid flowchart (renders in GitHub Markdown in a <c>mermaid</c> block): routines with
    /// their slots and events and payload types, connections, entries, and policies that differ from the defaults.
    /// </summary>
    public string ToMermaid() => MermaidWriter.Write(Flow);

    /// <summary>Writes the flow as a D2 diagram, showing what <see cref="ToMermaid"/> shows.</summary>
    public string ToD2() => D2Writer.Write(Flow);

    /// <summary>Writes the flow as a Graphviz DOT digraph (render with <c>dot -Tsvg</c>), showing what <see cref="ToMermaid"/> shows.</summary>
    public string ToDot() => DotWriter.Write(Flow);

    private void Write(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteNumber("format", FormatVersion);
        json.WriteString("id", Flow.Id);
        json.WriteStartObject("routines");
        foreach (var routine in Flow.Routines)
        {
            WriteRoutine(json, routine);
        }

        json.WriteEndObject();
        json.WriteStartArray("connections");
        foreach (var connection in Flow.Connections)
        {
            json.WriteStartObject();
            json.WriteString("from", $"{connection.Source.Id}.{connection.Event.Name}");
            json.WriteString("to", $"{connection.Target.Id}.{connection.Slot.Name}");
            json.WriteString("payload", TypeNames.Display(connection.Slot.PayloadType));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("entries");
        foreach (var routine in Flow.Routines)
        {
            for (var i = 0; i < routine.Descriptor.Slots.Count; i++)
            {
                if (routine.IsEntry(i))
                {
                    json.WriteStringValue($"{routine.Id}.{routine.Descriptor.Slots[i].Name}");
                }
            }
        }

        json.WriteEndArray();
        json.WriteStartObject("dependencies");
        foreach (var (id, upstream) in Dependencies)
        {
            json.WriteStartArray(id);
            foreach (var source in upstream)
            {
                json.WriteStringValue(source);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteRoutine(Utf8JsonWriter json, FlowRoutine routine)
    {
        var descriptor = routine.Descriptor;
        json.WriteStartObject(routine.Id);
        json.WriteString("type", descriptor.Name);
        if (descriptor.Summary.Length > 0)
        {
            json.WriteString("summary", descriptor.Summary);
        }

        json.WriteString("onError", routine.ErrorPolicy.ToString());
        json.WriteStartObject("slots");
        for (var i = 0; i < descriptor.Slots.Count; i++)
        {
            var slot = descriptor.Slots[i];
            json.WriteStartObject(slot.Name);
            json.WriteString("payload", TypeNames.Display(slot.PayloadType));
            json.WriteNumber("capacity", routine.GetCapacity(i));
            json.WriteString("whenFull", routine.GetQueuePolicy(i).ToString());
            json.WriteString("activation", slot.Activation.ToString());
            json.WriteBoolean("entry", routine.IsEntry(i));
            json.WriteBoolean("optional", slot.Optional);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteStartObject("events");
        foreach (var @event in descriptor.Events)
        {
            json.WriteStartObject(@event.Name);
            json.WriteString("payload", TypeNames.Display(@event.PayloadType));
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }
}
