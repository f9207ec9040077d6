namespace Routilux.Execution;

/// <summary>The buffer of one slot of a join, as the cell sees it without knowing the payload type.</summary>
internal abstract class JoinSlotBuffer : SlotBuffer
{
    protected JoinSlotBuffer(RoutineCell owner, SlotQueue queue)
        : base(owner, queue)
    {
    }

    public abstract void MoveOneToHand(Job job);
}

/// <summary>The buffer of one slot of a join: the job's unpaired messages in arrival order.</summary>
/// <typeparam name="T">The slot's payload type.</typeparam>
internal sealed class JoinSlotBuffer<T> : JoinSlotBuffer
{
    private readonly SlotQueue<T> _queue;
    private readonly Dictionary<Job, Queue<T>> _byJob = new();
    private int _total;

    public JoinSlotBuffer(RoutineCell owner, SlotQueue<T> queue)
        : base(owner, queue)
    {
        _queue = queue;
    }

    public override int Total => _total;

    public override IReadOnlyCollection<Job> Jobs => _byJob.Keys;

    public override void TakeInHand(Job job)
    {
        if (!_byJob.TryGetValue(job, out var items))
        {
            items = new Queue<T>();
            _byJob.Add(job, items);
        }

        items.Enqueue(_queue.InHandPayload);
        _queue.ReleaseInHand();
        _total++;
    }

    public override int CountFor(Job job) => _byJob.TryGetValue(job, out var items) ? items.Count : 0;

    /// <summary>Puts the job's oldest message in the queue's hand, where the generated join call reads it.</summary>
    public override void MoveOneToHand(Job job)
    {
        var items = _byJob[job];
        _queue.SetInHandPayload(items.Dequeue());
        if (items.Count == 0)
        {
            _byJob.Remove(job);
        }

        _total--;
    }

    public override int DropAll(Job job)
    {
        if (!_byJob.Remove(job, out var items))
        {
            return 0;
        }

        _total -= items.Count;
        return items.Count;
    }
}
