using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading;
using Routilux.Generators.Model;
using Routilux.Generators.Parsing;

namespace Routilux.Generators.Emit;

/// <summary>
/// Writes the routine's static descriptor. Slots and events are built with SlotDescriptor.Create&lt;T&gt; and
/// EventDescriptor.Create&lt;T&gt;: the typed descriptors create typed queues and outlets, so payloads are never boxed
/// and no reflection is needed at run time.
/// </summary>
internal static class DescriptorEmitter
{
    public static void Write(SourceWriter writer, RoutineSpec routine, CancellationToken cancellationToken)
    {
        writer.Line(GeneratedCode.Attribute);
        writer.Line("private static readonly global::Routilux.RoutineDescriptor __routiluxDescriptor = new global::Routilux.RoutineDescriptor(");
        writer.Indent();
        writer.Line("name: " + GeneratedCode.Literal(routine.CatalogName) + ",");
        writer.Line("routineType: typeof(" + routine.FullyQualifiedName + "),");
        writer.Line("summary: " + GeneratedCode.Literal(routine.Summary) + ",");

        if (routine.Slots.IsEmpty)
        {
            writer.Line("slots: global::System.Array.Empty<global::Routilux.SlotDescriptor>(),");
        }
        else
        {
            writer.Line("slots: new global::Routilux.SlotDescriptor[]");
            writer.Open();
            foreach (var slot in routine.Slots)
            {
                cancellationToken.ThrowIfCancellationRequested();
                writer.Line(
                    "global::Routilux.SlotDescriptor.Create<" + slot.PayloadType + ">("
                    + GeneratedCode.Literal(slot.Name) + ", "
                    + Number(slot.Index) + ", "
                    + ParameterNames(slot) + ", "
                    + GeneratedCode.Literal(slot.Summary) + ", "
                    + (slot.Optional ? "true" : "false") + ", "
                    + Number(slot.Capacity)
                    + OptionalArguments(slot, routine.FullyQualifiedName)
                    + (SerializerEmitter.PayloadClass(routine, slot.Index) is { } serializer ? ", payloadSerializer: new " + serializer + "()" : string.Empty)
                    + "),");
            }

            writer.Close(",");
        }

        if (routine.Events.IsEmpty)
        {
            writer.Line("events: global::System.Array.Empty<global::Routilux.EventDescriptor>(),");
        }
        else
        {
            writer.Line("events: new global::Routilux.EventDescriptor[]");
            writer.Open();
            foreach (var @event in routine.Events)
            {
                cancellationToken.ThrowIfCancellationRequested();
                writer.Line(
                    "global::Routilux.EventDescriptor.Create<" + @event.PayloadType + ">("
                    + GeneratedCode.Literal(@event.Name) + ", "
                    + Number(@event.Index) + ", "
                    + ParameterNames(@event.Parameters) + ", "
                    + GeneratedCode.Literal(@event.Summary) + "),");
            }

            writer.Close(",");
        }

        var factory = routine.HasFactory ? "static () => new " + routine.FullyQualifiedName + "()" : "null";
        var last = new List<string> { "factory: " + factory };
        if (routine.ErrorPolicy.Length > 0)
        {
            last.Add("errorPolicy: " + routine.ErrorPolicy);
        }

        if (SerializerEmitter.HasStateSerializer(routine))
        {
            last.Add("stateSerializer: new " + SerializerEmitter.StateClass + "()");
        }

        for (var i = 0; i < last.Count; i++)
        {
            writer.Line(last[i] + (i == last.Count - 1 ? ");" : ","));
        }

        writer.Unindent();
    }

    /// <summary>
    /// The optional parameters of Create&lt;T&gt; that differ from their defaults, named, so each can be left out on
    /// its own: whenFull, activation, joinGroup.
    /// </summary>
    private static string OptionalArguments(SlotSpec slot, string routineType)
    {
        var arguments = new StringBuilder();
        if (slot.WhenFull.Length > 0)
        {
            arguments.Append(", whenFull: ").Append(slot.WhenFull);
        }

        if (ActivationExpression.Of(slot.Activation, routineType) is { } activation)
        {
            arguments.Append(", activation: ").Append(activation);
        }

        if (slot.IsJoin)
        {
            arguments.Append(", joinGroup: ").Append(Number(slot.JoinGroup));
        }

        return arguments.ToString();
    }

    /// <summary>The payload parameter names as a string[] expression; a join slot has its own parameter only.</summary>
    private static string ParameterNames(SlotSpec slot)
    {
        var payload = PayloadParser.Payload(slot.Parameters);
        if (slot.IsJoin)
        {
            return "new string[] { " + GeneratedCode.Literal(payload[slot.Index - slot.JoinGroup].Name) + " }";
        }

        return ParameterNames(payload);
    }

    /// <summary>The payload parameter names as a string[] expression.</summary>
    private static string ParameterNames(EquatableArray<ParameterSpec> parameters) => ParameterNames(PayloadParser.Payload(parameters));

    private static string ParameterNames(List<ParameterSpec> payload)
    {
        if (payload.Count == 0)
        {
            return "global::System.Array.Empty<string>()";
        }

        var builder = new StringBuilder("new string[] { ");
        for (var i = 0; i < payload.Count; i++)
        {
            builder.Append(i == 0 ? string.Empty : ", ").Append(GeneratedCode.Literal(payload[i].Name));
        }

        return builder.Append(" }").ToString();
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
