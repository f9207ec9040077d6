using System.Text;

namespace Routilux;

/// <summary>
/// Writes a flow as Graphviz DOT: each routine a node with an HTML-like table label (a header with id and type,
/// then a row per slot and per event, each a port), connections from <c>routine:out_Event</c> to
/// <c>routine:in_Slot</c>, and an <c>entry</c> node pointing at the entry slots.
/// </summary>
internal static class DotWriter
{
    public static string Write(Flow flow)
    {
        var dot = new StringBuilder();
        var entry = GraphText.EntryId(flow);
        GraphText.Line(dot, $"digraph {Id(flow.Id)} {{");
        GraphText.Line(dot, "  rankdir=LR;");
        GraphText.Line(dot, "  node [shape=plain, fontname=\"Helvetica\", fontsize=10];");
        GraphText.Line(dot, $"  {Id(entry)} [shape=circle, label=\"entry\"];");
        foreach (var routine in flow.Routines)
        {
            WriteRoutine(dot, routine);
        }

        foreach (var (routine, slot) in GraphText.EntrySlots(flow))
        {
            GraphText.Line(dot, $"  {Id(entry)} -> {Id(routine.Id)}:{Id(GraphText.SlotKey(routine.Descriptor.Slots[slot]))}:w;");
        }

        foreach (var connection in flow.Connections)
        {
            GraphText.Line(dot, $"  {Id(connection.Source.Id)}:{Id(GraphText.EventKey(connection.Event))}:e -> {Id(connection.Target.Id)}:{Id(GraphText.SlotKey(connection.Slot))}:w;");
        }

        GraphText.Line(dot, "}");
        return dot.ToString();
    }

    private static void WriteRoutine(StringBuilder dot, FlowRoutine routine)
    {
        GraphText.Line(dot, $"  {Id(routine.Id)} [label=<");
        GraphText.Line(dot, "    <table border=\"0\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"4\">");
        var header = $"<b>{Html(routine.Id)}</b><br/>{Html(GraphText.RoutineType(routine))}";
        if (GraphText.ErrorNote(routine) is { } error)
        {
            header += $"<br/><i>{Html(error)}</i>";
        }

        GraphText.Line(dot, $"      <tr><td bgcolor=\"lightgrey\">{header}</td></tr>");
        var slots = routine.Descriptor.Slots;
        for (var i = 0; i < slots.Count; i++)
        {
            var text = Html(GraphText.Port(slots[i]));
            if (GraphText.SlotNote(routine, i) is { } note)
            {
                text += $"<br/><i>{Html(note)}</i>";
            }

            GraphText.Line(dot, $"      <tr><td port=\"{Html(GraphText.SlotKey(slots[i]))}\" align=\"left\" balign=\"left\">{text}</td></tr>");
        }

        foreach (var @event in routine.Descriptor.Events)
        {
            GraphText.Line(dot, $"      <tr><td port=\"{Html(GraphText.EventKey(@event))}\" align=\"right\">{Html(GraphText.Port(@event))}</td></tr>");
        }

        GraphText.Line(dot, "    </table>>];");
    }

    /// <summary>A DOT quoted identifier. Quoting every id keeps "-" and any other character from ending it.</summary>
    private static string Id(string id) => "\"" + id.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>Text for an HTML-like label, where "&lt;" of a generic type name would otherwise open a tag.</summary>
    private static string Html(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal);
}
