using System.Text.Json;
using Routilux.Serialization;

namespace Routilux;

/// <summary>
/// Writes a built <see cref="Flow"/> as a flow definition, in the order <see cref="FlowDefinitionReader"/> documents
/// and with only what the flow sets beyond its routine types' own declarations, so that reading it back builds an
/// equal flow and the same flow always gives the same text.
/// </summary>
internal static class FlowDefinitionWriter
{
    public static string Write(Flow flow)
    {
        ArgumentNullException.ThrowIfNull(flow);

        // Every routine type is checked before anything is written: a flow that cannot be exported fails whole.
        var types = flow.Routines.Select(r => TypeName(flow, r)).ToArray();
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber(DocumentFormat.PropertyName, FlowDefinition.FormatVersion);
            json.WriteString("id", flow.Id);
            WriteRoutines(json, flow, types);
            WriteConnections(json, flow);
            WriteEntries(json, flow);
            WritePolicies(json, flow);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The name that finds the routine's own type in the catalog: its catalog name, or its full name when the catalog name is shared.</summary>
    private static string TypeName(Flow flow, FlowRoutine routine)
    {
        var descriptor = routine.Descriptor;
        if (RoutineCatalog.TryGet(descriptor.Name, out var byName) && byName.RoutineType == descriptor.RoutineType)
        {
            return descriptor.Name;
        }

        if (descriptor.RoutineType.FullName is { } fullName && RoutineCatalog.TryGet(fullName, out var byFullName) && byFullName.RoutineType == descriptor.RoutineType)
        {
            return fullName;
        }

        throw new InvalidOperationException(
            $"Flow '{flow.Id}' cannot be written as a flow definition: routine '{routine.Id}' is of type {TypeNames.Qualified(descriptor.RoutineType)}, " +
            "which is not in the RoutineCatalog, so a definition could not name it. Generic routine types are never registered: " +
            "derive a non-generic [Routine] class from it (class IntTally : Tally<int>) and add that instead, or keep this flow in code.");
    }

    private static void WriteRoutines(Utf8JsonWriter json, Flow flow, string[] types)
    {
        json.WriteStartObject("routines");
        for (var i = 0; i < flow.Routines.Count; i++)
        {
            var routine = flow.Routines[i];
            json.WriteStartObject(routine.Id);
            json.WriteString("type", types[i]);
            if (routine.InitialState is { } state)
            {
                json.WriteNumber("stateVersion", state.StateVersion);
                json.WritePropertyName("config");
                state.WriteTo(json);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteConnections(Utf8JsonWriter json, Flow flow)
    {
        json.WriteStartArray("connections");
        foreach (var connection in flow.Connections)
        {
            json.WriteStartObject();
            json.WriteString("from", $"{connection.Source.Id}.{connection.Event.Name}");
            json.WriteString("to", $"{connection.Target.Id}.{connection.Slot.Name}");
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteEntries(Utf8JsonWriter json, Flow flow)
    {
        json.WriteStartArray("entries");
        foreach (var routine in flow.Routines)
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
    }

    /// <summary>
    /// Writes what the flow sets over its routine types' declarations: the flow's error policy, routines' own policies,
    /// and slot capacities and queue policies that differ from the slot's [Slot] attribute. "policies" is left out when empty.
    /// </summary>
    private static void WritePolicies(Utf8JsonWriter json, Flow flow)
    {
        var routinePolicies = flow.Routines.Where(r => r.OwnErrorPolicy is not null).ToArray();
        var slots = new List<(FlowRoutine Routine, SlotDescriptor Slot)>();
        foreach (var routine in flow.Routines)
        {
            foreach (var slot in routine.Descriptor.Slots)
            {
                if (routine.GetCapacity(slot.Index) != slot.Capacity || routine.GetQueuePolicy(slot.Index) != slot.WhenFull)
                {
                    slots.Add((routine, slot));
                }
            }
        }

        if (flow.FlowErrorPolicy is null && routinePolicies.Length == 0 && slots.Count == 0)
        {
            return;
        }

        json.WriteStartObject("policies");
        if (flow.FlowErrorPolicy is { } flowPolicy)
        {
            ErrorPolicyJson.Write(json, "onError", flowPolicy, $"Flow '{flow.Id}'");
        }

        if (routinePolicies.Length > 0)
        {
            json.WriteStartObject("routines");
            foreach (var routine in routinePolicies)
            {
                json.WriteStartObject(routine.Id);
                ErrorPolicyJson.Write(json, "onError", routine.OwnErrorPolicy!, $"Routine '{routine.Id}' of flow '{flow.Id}'");
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        if (slots.Count > 0)
        {
            json.WriteStartObject("slots");
            foreach (var (routine, slot) in slots)
            {
                json.WriteStartObject($"{routine.Id}.{slot.Name}");
                if (routine.GetCapacity(slot.Index) != slot.Capacity)
                {
                    json.WriteNumber("capacity", routine.GetCapacity(slot.Index));
                }

                if (routine.GetQueuePolicy(slot.Index) != slot.WhenFull)
                {
                    json.WriteString("whenFull", QueuePolicyName(routine.GetQueuePolicy(slot.Index)));
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static string QueuePolicyName(QueueFullPolicy policy) => Array.Find(FlowDefinitionReader.QueuePolicies, p => p.Value == policy).Name;
}
