using System.Globalization;
using System.Text;

namespace Routilux;

/// <summary>
/// Writes routine docs as GitHub-flavoured Markdown from the XML summaries the source generator captured: a page for
/// a flow (<see cref="FlowDescription.ToMarkdown"/>: its Mermaid graph, then a section per routine) or for one routine
/// type (<see cref="RoutineDescriptor.ToMarkdown"/>). Every piece of text passes through <see cref="MarkdownText"/>.
/// </summary>
/// <remarks>
/// Output is the same on every machine (invariant culture, flow order, "\n" line endings), so a generated page can
/// be committed and diffed like the graph exports.
/// </remarks>
internal static class MarkdownWriter
{
    public static string Write(FlowDescription description)
    {
        var flow = description.Flow;
        var page = new StringBuilder();
        page.Append("# Flow ").Append(MarkdownText.Text(flow.Id)).Append("\n\n");
        var mermaid = description.ToMermaid();
        var fence = MarkdownText.Fence(mermaid);
        page.Append(fence).Append("mermaid\n").Append(mermaid).Append(fence).Append("\n\n");
        var entries = GraphText.EntrySlots(flow).Select(e => MarkdownText.Text($"{e.Routine.Id}.{e.Routine.Descriptor.Slots[e.Slot].Name}"));
        page.Append("Entries: ").Append(string.Join(", ", entries)).Append(".\n\n");
        page.Append("Routines without an error policy of their own: ").Append(Policy(flow.FlowErrorPolicy ?? ErrorPolicy.Stop)).Append(".\n");
        var dependencies = description.Dependencies;
        foreach (var routine in flow.Routines)
        {
            var descriptor = routine.Descriptor;
            page.Append("\n## ").Append(MarkdownText.Text(routine.Id)).Append("\n\n");
            Summary(page, descriptor.Summary);
            page.Append("- Type: ").Append(MarkdownText.Text(descriptor.Name)).Append(" (").Append(MarkdownText.Code(TypeNames.Full(descriptor.RoutineType))).Append(")\n");
            page.Append("- On error: ").Append(Policy(routine.ErrorPolicy)).Append(", ")
                .Append(MarkdownText.Text(SourceText(FlowDescriptionJson.ErrorPolicySource(flow, routine)))).Append('\n');
            var upstream = dependencies[routine.Id];
            page.Append("- Upstream: ").Append(upstream.Count == 0 ? "none" : string.Join(", ", upstream.Select(MarkdownText.Text))).Append("\n\n");
            Slots(page, descriptor, routine);
            Events(page, descriptor);
        }

        return page.ToString();
    }

    public static string Write(RoutineDescriptor descriptor)
    {
        var page = new StringBuilder();
        page.Append("# ").Append(MarkdownText.Text(descriptor.Name)).Append("\n\n");
        Summary(page, descriptor.Summary);
        page.Append("- Class: ").Append(MarkdownText.Code(TypeNames.Full(descriptor.RoutineType))).Append('\n');
        page.Append("- On error: ").Append(descriptor.ErrorPolicy is { } policy
            ? Policy(policy) + ", " + MarkdownText.Text(SourceText("attribute"))
            : "the flow's").Append("\n\n");
        Slots(page, descriptor, routine: null);
        Events(page, descriptor);
        return page.ToString();
    }

    private static void Summary(StringBuilder page, string summary)
    {
        if (summary.Length > 0)
        {
            page.Append(MarkdownText.Text(summary)).Append("\n\n");
        }
    }

    /// <summary>
    /// The slots' table. With <paramref name="routine"/>, capacity and when-full are the flow's settings and an Entry
    /// column says which slots jobs start at; without, they are what the routine declares.
    /// </summary>
    private static void Slots(StringBuilder page, RoutineDescriptor descriptor, FlowRoutine? routine)
    {
        if (descriptor.Slots.Count == 0)
        {
            page.Append("No slots.\n\n");
            return;
        }

        page.Append(routine is null
            ? "| Slot | Payload | Parameters | Capacity | When full | Activation | Optional | Summary |\n| --- | --- | --- | ---: | --- | --- | --- | --- |\n"
            : "| Slot | Payload | Parameters | Capacity | When full | Activation | Optional | Entry | Summary |\n| --- | --- | --- | ---: | --- | --- | --- | --- | --- |\n");
        foreach (var slot in descriptor.Slots)
        {
            var capacity = routine?.GetCapacity(slot.Index) ?? slot.Capacity;
            var whenFull = routine?.GetQueuePolicy(slot.Index) ?? slot.WhenFull;
            page.Append("| ").Append(MarkdownText.Text(slot.Name))
                .Append(" | ").Append(MarkdownText.Code(TypeNames.Full(slot.PayloadType)))
                .Append(" | ").Append(Parameters(slot.ParameterNames))
                .Append(" | ").Append(capacity.ToString(CultureInfo.InvariantCulture))
                .Append(" | ").Append(whenFull.ToString())
                .Append(" | ").Append(MarkdownText.Text(slot.Activation.Format(CultureInfo.InvariantCulture)))
                .Append(" | ").Append(slot.Optional ? "yes" : "no");
            if (routine is not null)
            {
                page.Append(" | ").Append(routine.IsEntry(slot.Index) ? "yes" : "no");
            }

            page.Append(" | ").Append(MarkdownText.Text(slot.Summary)).Append(" |\n");
        }

        page.Append('\n');
    }

    private static void Events(StringBuilder page, RoutineDescriptor descriptor)
    {
        if (descriptor.Events.Count == 0)
        {
            page.Append("No events.\n");
            return;
        }

        page.Append("| Event | Payload | Parameters | Summary |\n| --- | --- | --- | --- |\n");
        foreach (var @event in descriptor.Events)
        {
            page.Append("| ").Append(MarkdownText.Text(@event.Name))
                .Append(" | ").Append(MarkdownText.Code(TypeNames.Full(@event.PayloadType)))
                .Append(" | ").Append(Parameters(@event.ParameterNames))
                .Append(" | ").Append(MarkdownText.Text(@event.Summary)).Append(" |\n");
        }
    }

    /// <summary>Where an error policy comes from (<see cref="FlowDescriptionJson.ErrorPolicySource"/>), in words.</summary>
    private static string SourceText(string source) => source switch
    {
        "routine" => "set for this routine in the flow",
        "attribute" => "from its [OnError] attribute",
        "flow" => "the flow's",
        _ => "the default",
    };

    private static string Parameters(IReadOnlyList<string> names) => string.Join(", ", names.Select(MarkdownText.Code));

    /// <summary>The policy as the graph exports write it, plus the exception types a retry is limited to.</summary>
    private static string Policy(ErrorPolicy policy)
    {
        var text = policy.Format(CultureInfo.InvariantCulture);
        if (policy.RetryOn.Count > 0)
        {
            text += " on " + string.Join(", ", policy.RetryOn.Select(TypeNames.Full));
        }

        return MarkdownText.Text(text);
    }
}
