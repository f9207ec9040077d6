using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Routilux.Generators.Model;
using Routilux.Generators.Parsing;

namespace Routilux.Generators.Emit;

/// <summary>
/// Writes IRoutine.Invoke: a switch from slot index to a direct, typed call of the slot method, reading the payload
/// from the slot's typed queue (no reflection, no boxing) and adapting the return to a ValueTask.
/// </summary>
internal static class DispatchEmitter
{
    public static void Write(SourceWriter writer, RoutineSpec routine, CancellationToken cancellationToken)
    {
        writer.Line(GeneratedCode.Attribute);
        writer.Open("global::System.Threading.Tasks.ValueTask global::Routilux.IRoutine.Invoke(int slot, global::Routilux.Execution.RoutineCell cell)");
        writer.Open("switch (slot)");
        foreach (var slot in routine.Slots)
        {
            cancellationToken.ThrowIfCancellationRequested();
            WriteCase(writer, slot);
        }

        writer.Line("default:");
        writer.Indent();
        writer.Line("throw global::Routilux.Execution.RoutineCell.UnknownSlot(" + GeneratedCode.Literal(routine.DisplayName) + ", slot);");
        writer.Unindent();
        writer.Close();
        writer.Close();
    }

    private static void WriteCase(SourceWriter writer, SlotSpec slot)
    {
        // The runtime invokes a join with its first slot's index only; its other indices fall to UnknownSlot.
        if (slot.IsJoin && !slot.IsJoinHead)
        {
            return;
        }

        var index = slot.Index.ToString(CultureInfo.InvariantCulture);
        var payload = PayloadParser.Payload(slot.Parameters);
        writer.Line("case " + index + ":");

        // Several payload parameters of a [Slot] arrive as one tuple; a block scopes its local to this case. A
        // join's parameters arrive each on its own slot.
        var isTuple = payload.Count > 1 && !slot.IsJoin;
        if (isTuple)
        {
            writer.Open();
            writer.Line("var payload = cell.Payload<" + slot.PayloadType + ">(" + index + ");");
        }
        else
        {
            writer.Indent();
        }

        var call = "this." + SymbolNames.Escape(slot.MethodName) + "(" + Arguments(slot, index, isTuple) + ")";
        switch (slot.ReturnKind)
        {
            case SlotReturnKind.Void:
                writer.Line(call + ";");
                writer.Line("return default;");
                break;
            case SlotReturnKind.ValueTask:
                writer.Line("return " + call + ";");
                break;
            default:
                writer.Line("return new global::System.Threading.Tasks.ValueTask(" + call + ");");
                break;
        }

        if (isTuple)
        {
            writer.Close();
        }
        else
        {
            writer.Unindent();
        }
    }

    /// <summary>The call's arguments: payload from the queue, CancellationToken and RoutineContext from the cell.</summary>
    private static string Arguments(SlotSpec slot, string index, bool isTuple)
    {
        var arguments = new List<string>(slot.Parameters.Count);
        var item = 0;
        foreach (var parameter in slot.Parameters)
        {
            switch (parameter.Role)
            {
                case ParameterRole.CancellationToken:
                    arguments.Add("cell.CancellationToken");
                    break;
                case ParameterRole.Context:
                    arguments.Add("cell.Context");
                    break;
                default:
                    arguments.Add(PayloadArgument(slot, parameter, index, isTuple, item));
                    item++;
                    break;
            }
        }

        return string.Join(", ", arguments);
    }

    /// <summary>
    /// The payload parameter at <paramref name="item"/> (zero-based among the payload parameters): a tuple element,
    /// the buffered list of a batch, interval or custom slot, the join slot's own message, or the slot's message.
    /// </summary>
    private static string PayloadArgument(SlotSpec slot, ParameterSpec parameter, string index, bool isTuple, int item)
    {
        if (isTuple)
        {
            return "payload.Item" + (item + 1).ToString(CultureInfo.InvariantCulture);
        }

        if (slot.IsJoin)
        {
            return "cell.Payload<" + parameter.Type + ">(" + (slot.JoinGroup + item).ToString(CultureInfo.InvariantCulture) + ")";
        }

        return slot.Activation.IsBuffered
            ? "cell.Batch<" + slot.PayloadType + ">(" + index + ")"
            : "cell.Payload<" + parameter.Type + ">(" + index + ")";
    }
}
