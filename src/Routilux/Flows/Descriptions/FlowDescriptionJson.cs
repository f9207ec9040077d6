using System.Globalization;
using System.Text.Json;
using Routilux.Serialization;

namespace Routilux;

/// <summary>
/// Writes a <see cref="FlowDescription"/> as JSON, format <see cref="FlowDescription.FormatVersion"/>; docs/flow-description.md
/// documents every member and FlowDescriptionDocTests keeps its example equal to what this writes.
/// </summary>
/// <remarks>
/// Names of policies and strategies are the flow definition's ("stop", "dropOldest"), so a tool that reads both
/// documents meets one vocabulary. Unlike a definition, a description is never read back, so it can name what a
/// definition cannot, such as the exception types a retry is limited to.
/// </remarks>
internal static class FlowDescriptionJson
{
    public static void Write(Utf8JsonWriter json, FlowDescription description)
    {
        var flow = description.Flow;
        json.WriteStartObject();
        json.WriteNumber(DocumentFormat.PropertyName, FlowDescription.FormatVersion);
        json.WriteString("id", flow.Id);
        WritePolicy(json, "onError", flow.FlowErrorPolicy ?? ErrorPolicy.Stop);
        json.WriteStartObject("routines");
        foreach (var routine in flow.Routines)
        {
            WriteRoutine(json, flow, routine);
        }

        json.WriteEndObject();
        json.WriteStartArray("connections");
        foreach (var connection in flow.Connections)
        {
            json.WriteStartObject();
            json.WriteString("from", $"{connection.Source.Id}.{connection.Event.Name}");
            json.WriteString("to", $"{connection.Target.Id}.{connection.Slot.Name}");
            json.WriteString("payload", TypeNames.Full(connection.Slot.PayloadType));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("entries");
        foreach (var (routine, slot) in GraphText.EntrySlots(flow))
        {
            json.WriteStringValue($"{routine.Id}.{routine.Descriptor.Slots[slot].Name}");
        }

        json.WriteEndArray();
        json.WriteStartObject("dependencies");
        foreach (var (id, upstream) in description.Dependencies)
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

    /// <summary>Where a routine's error policy in force comes from, in the order <see cref="FlowBuilder"/> looks.</summary>
    public static string ErrorPolicySource(Flow flow, FlowRoutine routine) =>
        routine.OwnErrorPolicy is not null ? "routine"
        : routine.Descriptor.ErrorPolicy is not null ? "attribute"
        : flow.FlowErrorPolicy is not null ? "flow"
        : "default";

    private static void WriteRoutine(Utf8JsonWriter json, Flow flow, FlowRoutine routine)
    {
        var descriptor = routine.Descriptor;
        json.WriteStartObject(routine.Id);
        json.WriteString("type", descriptor.Name);
        json.WriteString("class", TypeNames.Full(descriptor.RoutineType));
        json.WriteString("summary", descriptor.Summary);
        WritePolicy(json, "onError", routine.ErrorPolicy);
        json.WriteString("onErrorFrom", ErrorPolicySource(flow, routine));
        json.WriteStartObject("slots");
        for (var i = 0; i < descriptor.Slots.Count; i++)
        {
            var slot = descriptor.Slots[i];
            json.WriteStartObject(slot.Name);
            json.WriteString("payload", TypeNames.Full(slot.PayloadType));
            WriteNames(json, "parameters", slot.ParameterNames);
            json.WriteString("summary", slot.Summary);
            json.WriteNumber("capacity", routine.GetCapacity(i));
            json.WriteString("whenFull", QueuePolicyName(routine.GetQueuePolicy(i)));
            WriteActivation(json, slot.Activation);
            if (slot.JoinGroup >= 0)
            {
                // A join's slots run together, one message from each: name them all, so a reader need not match indices.
                WriteNames(json, "join", descriptor.Slots.Where(s => s.JoinGroup == slot.JoinGroup).Select(s => s.Name).ToArray());
            }

            json.WriteBoolean("optional", slot.Optional);
            json.WriteBoolean("entry", routine.IsEntry(i));
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteStartObject("events");
        foreach (var @event in descriptor.Events)
        {
            json.WriteStartObject(@event.Name);
            json.WriteString("payload", TypeNames.Full(@event.PayloadType));
            WriteNames(json, "parameters", @event.ParameterNames);
            json.WriteString("summary", @event.Summary);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteNames(Utf8JsonWriter json, string propertyName, IReadOnlyList<string> names)
    {
        json.WriteStartArray(propertyName);
        foreach (var name in names)
        {
            json.WriteStringValue(name);
        }

        json.WriteEndArray();
    }

    /// <summary>A strategy without settings as its name; a retry as an object, in the flow definition's shape plus "retryOn".</summary>
    private static void WritePolicy(Utf8JsonWriter json, string propertyName, ErrorPolicy policy)
    {
        if (policy.Strategy != ErrorStrategy.Retry)
        {
            json.WriteString(propertyName, StrategyName(policy.Strategy));
            return;
        }

        json.WriteStartObject(propertyName);
        json.WriteString("strategy", "retry");
        json.WriteNumber("maxRetries", policy.MaxRetries);
        json.WriteNumber("delayMs", policy.Delay.TotalMilliseconds);
        json.WriteNumber("backoff", policy.BackoffFactor);
        if (policy.MaxDelay is { } max)
        {
            json.WriteNumber("maxDelayMs", max.TotalMilliseconds);
        }

        json.WriteStartArray("retryOn");
        foreach (var type in policy.RetryOn)
        {
            json.WriteStringValue(TypeNames.Full(type));
        }

        json.WriteEndArray();
        json.WriteString("then", StrategyName((policy.Fallback ?? ErrorPolicy.Stop).Strategy));
        json.WriteEndObject();
    }

    /// <summary>A kind without settings as its name; a batch or an interval as an object with its settings.</summary>
    private static void WriteActivation(Utf8JsonWriter json, ActivationPolicy activation)
    {
        switch (activation.Kind)
        {
            case ActivationKind.Batch:
                json.WriteStartObject("activation");
                json.WriteString("kind", "batch");
                json.WriteNumber("size", activation.BatchSize);
                if (activation.MaxWait is { } wait)
                {
                    json.WriteNumber("maxWaitMs", wait.TotalMilliseconds);
                }

                json.WriteEndObject();
                break;
            case ActivationKind.Interval:
                json.WriteStartObject("activation");
                json.WriteString("kind", "interval");
                json.WriteNumber("periodMs", activation.Period.TotalMilliseconds);
                json.WriteEndObject();
                break;
            default:
                json.WriteString("activation", CamelCase(activation.Kind.ToString()));
                break;
        }
    }

    private static string StrategyName(ErrorStrategy strategy) => CamelCase(strategy.ToString());

    private static string QueuePolicyName(QueueFullPolicy policy) => Array.Find(FlowDefinitionReader.QueuePolicies, p => p.Value == policy).Name;

    private static string CamelCase(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
