using System.Text;

namespace Routilux;

/// <summary>
/// Writes a flow as a Mermaid flowchart: each routine a subgraph titled with its id and type, holding a node per slot
/// (rectangle) and per event (stadium); connections run between those nodes, and an <c>entry</c> circle points at
/// the entry slots.
/// </summary>
/// <remarks>
/// Node ids are made from positions (<c>r1_in0</c> is routine 1's slot 0) rather than from routine ids: Mermaid ids
/// cannot be quoted, and a routine id such as "end" or "a-b" would be read as syntax. The real names are in the labels.
/// </remarks>
internal static class MermaidWriter
{
    public static string Write(Flow flow)
    {
        var mermaid = new StringBuilder();
        GraphText.Line(mermaid, "flowchart LR");
        GraphText.Line(mermaid, "  entry((\"entry\"))");
        foreach (var routine in flow.Routines)
        {
            WriteRoutine(mermaid, routine);
        }

        foreach (var (routine, slot) in GraphText.EntrySlots(flow))
        {
            GraphText.Line(mermaid, $"  entry --> {SlotNode(routine, slot)}");
        }

        foreach (var connection in flow.Connections)
        {
            GraphText.Line(mermaid, $"  {EventNode(connection.Source, connection.Event.Index)} --> {SlotNode(connection.Target, connection.Slot.Index)}");
        }

        return mermaid.ToString();
    }

    private static void WriteRoutine(StringBuilder mermaid, FlowRoutine routine)
    {
        var title = $"{Text(routine.Id)}<br/>{Text(GraphText.RoutineType(routine))}";
        if (GraphText.ErrorNote(routine) is { } error)
        {
            title += "<br/>" + Text(error);
        }

        GraphText.Line(mermaid, $"  subgraph r{routine.Index} [\"{title}\"]");
        var slots = routine.Descriptor.Slots;
        for (var i = 0; i < slots.Count; i++)
        {
            var label = Text(GraphText.Port(slots[i]));
            if (GraphText.SlotNote(routine, i) is { } note)
            {
                label += "<br/>" + Text(note);
            }

            GraphText.Line(mermaid, $"    {SlotNode(routine, i)}[\"{label}\"]");
        }

        var events = routine.Descriptor.Events;
        for (var i = 0; i < events.Count; i++)
        {
            GraphText.Line(mermaid, $"    {EventNode(routine, i)}([\"{Text(GraphText.Port(events[i]))}\"])");
        }

        GraphText.Line(mermaid, "  end");
    }

    private static string SlotNode(FlowRoutine routine, int slot) => $"r{routine.Index}_in{slot}";

    private static string EventNode(FlowRoutine routine, int @event) => $"r{routine.Index}_out{@event}";

    /// <summary>
    /// Text for a quoted label, in Mermaid's entity codes: labels render as HTML, so the "&lt;Int32&gt;" of a generic
    /// type name would otherwise be taken for a tag, a quote would end the label and "%%" might start a comment. "#" goes
    /// first, being the escape.
    /// </summary>
    private static string Text(string text) => text
        .Replace("#", "#35;", StringComparison.Ordinal)
        .Replace("%", "#37;", StringComparison.Ordinal)
        .Replace("&", "#amp;", StringComparison.Ordinal)
        .Replace("\"", "#quot;", StringComparison.Ordinal)
        .Replace("<", "#lt;", StringComparison.Ordinal)
        .Replace(">", "#gt;", StringComparison.Ordinal)
        .Replace("\n", "<br/>", StringComparison.Ordinal);
}
