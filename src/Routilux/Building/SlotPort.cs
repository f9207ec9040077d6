namespace Routilux;

/// <summary>A typed reference to one slot of one routine in a flow: a target for connections and posts.</summary>
/// <typeparam name="T">The payload type the slot accepts.</typeparam>
public readonly struct SlotPort<T>
{
    internal SlotPort(RoutineNode node, SlotDescriptor slot)
    {
        Node = node;
        Slot = slot;
    }

    internal RoutineNode Node { get; }

    /// <summary>The id of the routine that owns the slot.</summary>
    public string RoutineId => Node?.Id ?? throw PortGuard.Default();

    /// <summary>The slot's descriptor.</summary>
    public SlotDescriptor Slot { get; }

    /// <inheritdoc />
    public override string ToString() => Node is null ? "(none)" : $"{Node.Id}.{Slot.Name}";
}
