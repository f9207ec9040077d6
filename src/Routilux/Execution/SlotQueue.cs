namespace Routilux.Execution;

/// <summary>
/// The bounded input queue of one slot of one routine instance. Many producers (events connected to the slot,
/// or callers posting into a job) enqueue; the owning <see cref="RoutineCell"/> is the only consumer.
/// </summary>
internal abstract class SlotQueue
{
    private long _dropped;

    protected SlotQueue(RoutineCell owner, SlotDescriptor slot, int capacity, QueueFullPolicy policy)
    {
        Owner = owner;
        Slot = slot;
        Capacity = capacity;
        Policy = policy;
    }

    /// <summary>What happens when a message arrives and the queue is full.</summary>
    public QueueFullPolicy Policy { get; }

    /// <summary>Messages dropped by a Drop policy so far.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>The cell that consumes this queue.</summary>
    public RoutineCell Owner { get; }

    /// <summary>The slot this queue feeds.</summary>
    public SlotDescriptor Slot { get; }

    /// <summary>The most messages the queue holds; a producer waits when it is full.</summary>
    public int Capacity { get; }

    // Written by the typed subclass under its lock; read here without one (a snapshot is all readers need).
    private protected int _count;

    /// <summary>The number of queued messages, not counting the one in the consumer's hand.</summary>
    /// <remarks>Not virtual: the hot path reads it several times per message.</remarks>
    public int Count => Volatile.Read(ref _count);

    /// <summary>
    /// Moves the head message into the consumer's hand (freeing its place and waking producers waiting for room)
    /// and returns its job. Consumer only, and only when <see cref="Count"/> &gt; 0.
    /// </summary>
    public abstract Job TakeHead();

    /// <summary>Forgets the message in hand once it has been handled or dropped. Consumer only.</summary>
    public abstract void ReleaseInHand();

    /// <summary>Drops a waiter that stopped waiting (its job ended), so it is not woken later.</summary>
    public abstract void Unregister(SpaceWaiter waiter);

    /// <summary>A snapshot for monitoring.</summary>
    public QueueState Snapshot() => new(Owner.RoutineId, Slot.Name, Count, Capacity, Policy, Dropped);

    /// <summary>Counts a dropped message on the queue and on its job, and counts it out of the job.</summary>
    protected void CountDrop(Job job, bool releasePending)
    {
        Interlocked.Increment(ref _dropped);
        job.RecordDrop(Owner.RoutineId, Slot.Name);
        if (releasePending)
        {
            job.ReleasePending();
        }
        else
        {
            job.ReleasePendingNotLast();
        }
    }
}
