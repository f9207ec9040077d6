using System.Globalization;
using System.Text;

namespace Routilux;

/// <summary>
/// What the graph writers (<see cref="MermaidWriter"/>, <see cref="D2Writer"/>, <see cref="DotWriter"/>) say about a
/// flow, apart from each language's syntax: port keys, payload and routine type names, and policy notes.
/// </summary>
internal static class GraphText
{
    /// <summary>The routine's class as C# reads it ("Tally&lt;Dictionary&lt;String, Int32&gt;&gt;").</summary>
    /// <remarks>The class rather than the catalog name, because generic routines share one catalog name.</remarks>
    public static string RoutineType(FlowRoutine routine) => TypeNames.Display(routine.Descriptor.RoutineType);

    /// <summary>A slot's port key. Prefixed, because a routine's slot and event may share a name.</summary>
    public static string SlotKey(SlotDescriptor slot) => "in_" + slot.Name;

    /// <summary>An event's port key; see <see cref="SlotKey"/>.</summary>
    public static string EventKey(EventDescriptor @event) => "out_" + @event.Name;

    /// <summary>A slot's port label: its name and payload type.</summary>
    public static string Port(SlotDescriptor slot) => $"{slot.Name}: {TypeNames.Display(slot.PayloadType)}";

    /// <summary>An event's port label: its name and payload type.</summary>
    public static string Port(EventDescriptor @event) => $"{@event.Name}: {TypeNames.Display(@event.PayloadType)}";

    /// <summary>The routine's error policy, or <see langword="null"/> for the default (Stop), which goes unsaid.</summary>
    public static string? ErrorNote(FlowRoutine routine) =>
        routine.ErrorPolicy.Strategy == ErrorStrategy.Stop ? null : "on error: " + routine.ErrorPolicy.Format(CultureInfo.InvariantCulture);

    /// <summary>
    /// Slot <paramref name="slot"/>'s capacity, when-full policy and activation where they differ from the defaults
    /// (<see cref="SlotDescriptor.DefaultCapacity"/>, Wait, Immediate), or <see langword="null"/> when none does.
    /// </summary>
    public static string? SlotNote(FlowRoutine routine, int slot)
    {
        var notes = new List<string>();
        var capacity = routine.GetCapacity(slot);
        if (capacity != SlotDescriptor.DefaultCapacity)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"capacity {capacity}"));
        }

        var whenFull = routine.GetQueuePolicy(slot);
        if (whenFull != QueueFullPolicy.Wait)
        {
            notes.Add($"when full: {whenFull}");
        }

        var activation = routine.Descriptor.Slots[slot].Activation;
        if (activation.Kind != ActivationKind.Immediate)
        {
            notes.Add(activation.Format(CultureInfo.InvariantCulture));
        }

        return notes.Count == 0 ? null : string.Join(", ", notes);
    }

    /// <summary>The flow's entry slots, as each routine and the index of its slot, in flow order.</summary>
    public static IEnumerable<(FlowRoutine Routine, int Slot)> EntrySlots(Flow flow)
    {
        foreach (var routine in flow.Routines)
        {
            for (var i = 0; i < routine.Descriptor.Slots.Count; i++)
            {
                if (routine.IsEntry(i))
                {
                    yield return (routine, i);
                }
            }
        }
    }

    /// <summary>The id of the node that points at the entry slots: "entry", unless a routine already has that id.</summary>
    public static string EntryId(Flow flow)
    {
        var id = "entry";
        while (flow.FindRoutine(id) is not null)
        {
            id += "_";
        }

        return id;
    }

    /// <summary>Appends <paramref name="text"/> and "\n": not AppendLine, whose Environment.NewLine differs by machine.</summary>
    public static void Line(StringBuilder output, string text) => output.Append(text).Append('\n');
}
