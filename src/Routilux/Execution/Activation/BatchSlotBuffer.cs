namespace Routilux.Execution;

/// <summary>The buffer of a Batch, Interval or Custom slot, as the cell sees it without knowing the payload type.</summary>
internal abstract class BatchSlotBuffer : SlotBuffer
{
    protected BatchSlotBuffer(RoutineCell owner, SlotQueue queue)
        : base(owner, queue)
    {
    }

    /// <summary>When the handler last ran, for Interval (a timestamp of the runtime's clock).</summary>
    public long LastRun { get; set; } = long.MinValue;

    public abstract long FirstArrival(Job job);

    public abstract void ArmTimer(Job job, TimeSpan dueIn);

    public abstract int MoveToHand(Job job, int max);

    public abstract void ReleaseHand();

    /// <summary>The sequence in its slot of the first message of the batch in hand (its handler's message id).</summary>
    public abstract long InHandFirstSequence { get; }
}

/// <summary>The buffer of a Batch, Interval or Custom slot: a list per job, and the batch in the handler's hand.</summary>
/// <typeparam name="T">The slot's payload type.</typeparam>
internal sealed class BatchSlotBuffer<T> : BatchSlotBuffer
{
    private readonly SlotQueue<T> _queue;
    private readonly Dictionary<Job, Pending> _byJob = new();
    private int _total;

    public BatchSlotBuffer(RoutineCell owner, SlotQueue<T> queue)
        : base(owner, queue)
    {
        _queue = queue;
    }

    public override int Total => _total;

    public override IReadOnlyCollection<Job> Jobs => _byJob.Keys;

    /// <summary>The batch the handler is running with (a fresh array it may keep).</summary>
    public T[] InHand { get; private set; } = Array.Empty<T>();

    public override void TakeInHand(Job job)
    {
        if (!_byJob.TryGetValue(job, out var pending))
        {
            pending = new Pending(Owner.Now);
            _byJob.Add(job, pending);
        }

        pending.Items.Add(_queue.InHandPayload);
        pending.Sequences.Add(_queue.Received);
        _queue.ReleaseInHand();
        _total++;
    }

    public override int CountFor(Job job) => _byJob.TryGetValue(job, out var pending) ? pending.Items.Count : 0;

    /// <summary>When the oldest message of <paramref name="job"/> arrived (a timestamp of the runtime's clock).</summary>
    public override long FirstArrival(Job job) => _byJob[job].FirstArrival;

    /// <summary>Arms the job's timer for a partial batch or an interval, unless it is armed already.</summary>
    public override void ArmTimer(Job job, TimeSpan dueIn)
    {
        var pending = _byJob[job];
        if (pending.Timer is null)
        {
            pending.Timer = Owner.Clock.CreateTimer(
                static state => ((TimerState)state!).Fire(), new TimerState(Owner, Slot, job), dueIn, Timeout.InfiniteTimeSpan);
        }
        else
        {
            pending.Timer.Change(dueIn, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Moves up to <paramref name="max"/> of the job's messages into <see cref="InHand"/>; returns how many.</summary>
    public override int MoveToHand(Job job, int max)
    {
        var pending = _byJob[job];
        var count = Math.Min(max, pending.Items.Count);
        InHand = pending.Items.GetRange(0, count).ToArray();
        InHandSequences = pending.Sequences.GetRange(0, count).ToArray();
        if (count == pending.Items.Count)
        {
            pending.Timer?.Dispose();
            _byJob.Remove(job);
        }
        else
        {
            pending.Items.RemoveRange(0, count);
            pending.Sequences.RemoveRange(0, count);
        }

        _total -= count;
        return count;
    }

    public override void ReleaseHand()
    {
        InHand = Array.Empty<T>();
        InHandSequences = Array.Empty<long>();
    }

    /// <summary>The sequences of the batch in hand's messages, in their slot.</summary>
    private long[] InHandSequences { get; set; } = Array.Empty<long>();

    public override long InHandFirstSequence => InHandSequences.Length > 0 ? InHandSequences[0] : 0;

    public override void Capture(CapturedPayloads into, Dictionary<Job, long> arrivals, IReadOnlySet<Job> jobs, Job? handJob)
    {
        var typed = (CapturedPayloads<T>)into;
        if (handJob is not null && jobs.Contains(handJob))
        {
            for (var i = 0; i < InHand.Length; i++)
            {
                typed.Add(InHand[i], handJob, InHandSequences[i]);
            }

            arrivals.TryAdd(handJob, _byJob.TryGetValue(handJob, out var next) ? next.FirstArrival : Owner.Now);
        }

        foreach (var (job, pending) in _byJob)
        {
            if (!jobs.Contains(job))
            {
                continue;
            }

            for (var i = 0; i < pending.Items.Count; i++)
            {
                typed.Add(pending.Items[i], job, pending.Sequences[i]);
            }

            arrivals.TryAdd(job, pending.FirstArrival);
        }
    }

    public override void Restore(System.Text.Json.JsonElement payload, long sequence, Job job, long firstArrival, string path)
    {
        var value = PayloadJson.Read(((SlotDescriptor<T>)_queue.Slot).PayloadSerializer, payload, _queue.Name, path, Owner.Worker.Id);
        if (!_byJob.TryGetValue(job, out var pending))
        {
            pending = new Pending(firstArrival);
            _byJob.Add(job, pending);
        }

        pending.Items.Add(value);
        pending.Sequences.Add(sequence);
        _total++;
    }

    public override int DropAll(Job job)
    {
        if (!_byJob.Remove(job, out var pending))
        {
            return 0;
        }

        pending.Timer?.Dispose();
        _total -= pending.Items.Count;
        return pending.Items.Count;
    }

    private sealed class Pending
    {
        public Pending(long firstArrival) => FirstArrival = firstArrival;

        public List<T> Items { get; } = new();

        // Each item's sequence in its slot, for the handler's message id (RoutineContext.MessageId).
        public List<long> Sequences { get; } = new();

        public long FirstArrival { get; }

        public ITimer? Timer { get; set; }
    }

    /// <summary>What a timer carries back to the cell: which slot and which job to look at again.</summary>
    private sealed class TimerState(RoutineCell owner, int slot, Job job)
    {
        public void Fire() => owner.RequestFlush(slot, job);
    }
}
