namespace Routilux.Execution;

/// <summary>
/// The bounded input queue of one slot of one routine instance. Many producers (events connected to the slot,
/// or callers posting into a job) enqueue; the owning <see cref="RoutineCell"/> is the only consumer.
/// </summary>
internal abstract class SlotQueue
{
    protected SlotQueue(RoutineCell owner, SlotDescriptor slot, int capacity)
    {
        Owner = owner;
        Slot = slot;
        Capacity = capacity;
    }

    /// <summary>The cell that consumes this queue.</summary>
    public RoutineCell Owner { get; }

    /// <summary>The slot this queue feeds.</summary>
    public SlotDescriptor Slot { get; }

    /// <summary>The most messages the queue holds; a producer waits when it is full.</summary>
    public int Capacity { get; }

    /// <summary>The number of queued messages, including the one whose handler is running.</summary>
    public abstract int Count { get; }

    /// <summary>The job of the message at the head. Only the consumer calls this, and only when <see cref="Count"/> &gt; 0.</summary>
    public abstract Job HeadJob { get; }

    /// <summary>Removes the head message and wakes the producers waiting for space. Consumer only.</summary>
    public abstract void RemoveHead();

    /// <summary>Drops a waiter that stopped waiting (its job ended), so it is not woken later.</summary>
    public abstract void Unregister(SpaceWaiter waiter);
}
