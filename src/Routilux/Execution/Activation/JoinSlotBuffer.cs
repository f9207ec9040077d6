namespace Routilux.Execution;

/// <summary>The buffer of one slot of a join, as the cell sees it without knowing the payload type.</summary>
internal abstract class JoinSlotBuffer : SlotBuffer
{
    protected JoinSlotBuffer(RoutineCell owner, SlotQueue queue)
        : base(owner, queue)
    {
    }

    public abstract void MoveOneToHand(Job job);

    /// <summary>The sequence in its slot of the message last moved to hand (a join handler's message id).</summary>
    public long InHandSequence { get; protected set; }
}

/// <summary>The buffer of one slot of a join: the job's unpaired messages in arrival order.</summary>
/// <typeparam name="T">The slot's payload type.</typeparam>
internal sealed class JoinSlotBuffer<T> : JoinSlotBuffer
{
    private readonly SlotQueue<T> _queue;
    private readonly Dictionary<Job, Queue<(T Payload, long Sequence)>> _byJob = new();
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
            items = new Queue<(T, long)>();
            _byJob.Add(job, items);
        }

        items.Enqueue((_queue.InHandPayload, _queue.Received));
        _queue.ReleaseInHand();
        _total++;
    }

    public override int CountFor(Job job) => _byJob.TryGetValue(job, out var items) ? items.Count : 0;

    /// <summary>Puts the job's oldest message in the queue's hand, where the generated join call reads it.</summary>
    public override void MoveOneToHand(Job job)
    {
        var items = _byJob[job];
        var (payload, sequence) = items.Dequeue();
        _queue.SetReceivedInHand(payload);
        InHandSequence = sequence;
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

    public override void Capture(CapturedPayloads into, Dictionary<Job, long> arrivals, IReadOnlySet<Job> jobs, Job? handJob)
    {
        if (handJob is not null && jobs.Contains(handJob))
        {
            _queue.CaptureInHand(into, handJob, InHandSequence);
        }

        var typed = (CapturedPayloads<T>)into;
        foreach (var (job, items) in _byJob)
        {
            if (jobs.Contains(job))
            {
                foreach (var (payload, sequence) in items)
                {
                    typed.Add(payload, job, sequence);
                }
            }
        }
    }

    public override void Restore(System.Text.Json.JsonElement payload, long sequence, Job job, long firstArrival, string path)
    {
        var value = PayloadJson.Read(((SlotDescriptor<T>)_queue.Slot).PayloadSerializer, payload, _queue.Name, path, Owner.Worker.Id);
        if (!_byJob.TryGetValue(job, out var items))
        {
            items = new Queue<(T, long)>();
            _byJob.Add(job, items);
        }

        items.Enqueue((value, sequence));
        _total++;
    }
}
