namespace Routilux.Execution;

/// <summary>
/// Messages a non-immediate slot has taken from its queue but not yet handed to its handler, kept per job so a
/// batch or a join never mixes jobs. Only the owning cell's loop touches a buffer; timers and other threads reach
/// it through the cell's flush requests.
/// </summary>
internal abstract class SlotBuffer
{
    protected SlotBuffer(RoutineCell owner, SlotQueue queue)
    {
        Owner = owner;
        Queue = queue;
        Policy = queue.Slot.Activation;
    }

    public RoutineCell Owner { get; }

    public SlotQueue Queue { get; }

    public ActivationPolicy Policy { get; }

    public int Slot => Queue.Slot.Index;

    /// <summary>Messages buffered over all jobs.</summary>
    public abstract int Total { get; }

    /// <summary>
    /// Whether another message of <paramref name="job"/> fits: a batch, interval or custom buffer holds at most the
    /// queue's capacity of each job's messages, so a slow predicate still makes producers wait instead of growing
    /// without bound, and one job's partial sets never take the room another job needs (joins take every message:
    /// see RoutineCell.BufferRoom.cs).
    /// </summary>
    public bool HasRoomFor(Job job) => CountFor(job) < Queue.Capacity;

    /// <summary>Moves the message the queue has in hand into the buffer of its job.</summary>
    public abstract void TakeInHand(Job job);

    /// <summary>Messages buffered for <paramref name="job"/>.</summary>
    public abstract int CountFor(Job job);

    /// <summary>The jobs with buffered messages.</summary>
    public abstract IReadOnlyCollection<Job> Jobs { get; }

    /// <summary>Drops every message buffered for <paramref name="job"/>, counting each on the job; returns how many.</summary>
    public abstract int DropAll(Job job);

    /// <summary>
    /// A checkpoint's cut: adds the messages buffered for running <paramref name="jobs"/> to <paramref name="into"/>
    /// (numbered by their sequence in the slot) and each job's first arrival (a timestamp) to <paramref name="arrivals"/>.
    /// When <paramref name="handJob"/> is given, what the handler has in hand from this buffer (a batch, or a join's
    /// message, waiting for a retry) goes first, back in front of that job's buffered messages. In a turn, or the
    /// checkpoint holding the cell.
    /// </summary>
    public abstract void Capture(CapturedPayloads into, Dictionary<Job, long> arrivals, IReadOnlySet<Job> jobs, Job? handJob);

    /// <summary>Resuming: buffers a saved message of <paramref name="job"/>, which first arrived at <paramref name="firstArrival"/>.</summary>
    public abstract void Restore(System.Text.Json.JsonElement payload, long sequence, Job job, long firstArrival, string path);
}
