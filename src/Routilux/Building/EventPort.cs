namespace Routilux;

/// <summary>A typed reference to one event of one routine in a flow: a source for connections.</summary>
/// <typeparam name="T">The payload type the event sends.</typeparam>
public readonly struct EventPort<T>
{
    internal EventPort(RoutineNode node, EventDescriptor @event)
    {
        Node = node;
        Event = @event;
    }

    internal RoutineNode Node { get; }

    /// <summary>The id of the routine that owns the event.</summary>
    public string RoutineId => Node?.Id ?? throw PortGuard.Default();

    /// <summary>The event's descriptor.</summary>
    public EventDescriptor Event { get; }

    /// <inheritdoc />
    public override string ToString() => Node is null ? "(none)" : $"{Node.Id}.{Event.Name}";
}
