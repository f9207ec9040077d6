using System.Text;

namespace Routilux;

/// <summary>
/// Writes a flow as D2: each routine a container labelled with its id and type, holding one shape per slot
/// (<c>in_Slot</c>) and per event (<c>out_Event</c>); connections run between those ports, and an <c>entry</c>
/// circle points at the entry slots.
/// </summary>
internal static class D2Writer
{
    public static string Write(Flow flow)
    {
        var d2 = new StringBuilder();
        var entry = GraphText.EntryId(flow);
        GraphText.Line(d2, "direction: right");
        GraphText.Line(d2, $"{Quote(entry)}: \"entry\" {{shape: circle}}");
        foreach (var routine in flow.Routines)
        {
            WriteRoutine(d2, routine);
        }

        foreach (var (routine, slot) in GraphText.EntrySlots(flow))
        {
            GraphText.Line(d2, $"{Quote(entry)} -> {Quote(routine.Id)}.{Quote(GraphText.SlotKey(routine.Descriptor.Slots[slot]))}");
        }

        foreach (var connection in flow.Connections)
        {
            GraphText.Line(d2, $"{Quote(connection.Source.Id)}.{Quote(GraphText.EventKey(connection.Event))} -> {Quote(connection.Target.Id)}.{Quote(GraphText.SlotKey(connection.Slot))}");
        }

        return d2.ToString();
    }

    private static void WriteRoutine(StringBuilder d2, FlowRoutine routine)
    {
        var label = $"{routine.Id}\n{GraphText.RoutineType(routine)}";
        if (GraphText.ErrorNote(routine) is { } error)
        {
            label += "\n" + error;
        }

        GraphText.Line(d2, $"{Quote(routine.Id)}: {Quote(label)} {{");
        var slots = routine.Descriptor.Slots;
        for (var i = 0; i < slots.Count; i++)
        {
            var port = GraphText.Port(slots[i]);
            if (GraphText.SlotNote(routine, i) is { } note)
            {
                port += "\n" + note;
            }

            GraphText.Line(d2, $"  {Quote(GraphText.SlotKey(slots[i]))}: {Quote(port)}");
        }

        foreach (var @event in routine.Descriptor.Events)
        {
            GraphText.Line(d2, $"  {Quote(GraphText.EventKey(@event))}: {Quote(GraphText.Port(@event))} {{shape: oval}}");
        }

        GraphText.Line(d2, "}");
    }

    /// <summary>
    /// A D2 double-quoted string, for keys and labels alike: unquoted, "." would split a key into a path and
    /// "-" could start an arrow; line breaks become "\n" escapes so a label never ends its line.
    /// </summary>
    private static string Quote(string text) => "\"" + text
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("\"", "\\\"", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}
