namespace Routilux;

/// <summary>A connection in a built flow: messages emitted on an event of one routine go to a slot of another.</summary>
public sealed class Connection
{
    internal Connection(FlowRoutine source, EventDescriptor @event, FlowRoutine target, SlotDescriptor slot)
    {
        Source = source;
        Event = @event;
        Target = target;
        Slot = slot;
    }

    /// <summary>The routine that emits.</summary>
    public FlowRoutine Source { get; }

    /// <summary>The event emitted on.</summary>
    public EventDescriptor Event { get; }

    /// <summary>The routine that receives.</summary>
    public FlowRoutine Target { get; }

    /// <summary>The slot that receives.</summary>
    public SlotDescriptor Slot { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Source.Id}.{Event.Name} -> {Target.Id}.{Slot.Name}";
}
