using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Routilux.Execution;

/// <summary>
/// A ring buffer of typed envelopes, preallocated at its capacity so that steady-state enqueue and dequeue
/// allocate nothing and value-type payloads are never boxed.
/// </summary>
/// <typeparam name="T">The slot's payload type.</typeparam>
internal sealed class SlotQueue<T> : SlotQueue
{
    // Places left unused at the start of the ring array (PaddedFlag.Spacing bytes at least), so that no place shares
    // a cache line with the array's header, which sits right after this object's last field: the message in hand,
    // which the consumer writes for every message.
    private static readonly int s_ringOffset = Math.Max(1, PaddedFlag.Spacing / Math.Max(1, Unsafe.SizeOf<Envelope>()));

    // Producers that found the queue full, woken together at the low-water mark. Guarded by the producers' lock.
    private readonly Queue<SpaceWaiter> _waiters = new();

    // Waiting producers are woken when the queue has drained to this many messages: three quarters full, or empty
    // for a routine inside a stream's segment (see WakeProducersWhenEmpty).
    private int _lowWater;

    // A stream's hand-off to a full queue (TryHandOff): the pause between looks (Thread.SpinWait iterations, under a
    // microsecond), the looks without a take after which a running consumer counts as stalled (about 1.5 ms), the
    // looks a consumer that is scheduled but not running gets for its thread to come (about 50 us), and the longest
    // wait in all.
    private const int HandOffPause = 30;
    private const int StalledLooksBeforePark = 2000;
    private const int LooksForConsumerToStart = 64;
    private const int HandOffPatienceMs = 20;

    // DropOldest lets a producer evict the head, so its consumer takes under the producers' lock too.
    private readonly bool _consumerLocks;

    // The payload of the message being handled: out of the ring (its place is free for producers) but not yet done.
    // Its job is the cell's current job.
    private T _inHandPayload = default!;

    // The rest of a batch passed on in hand (see SlotQueue.HasBatchLeft); allocated at the first batch, grown as needed.
    private T[] _batch = Array.Empty<T>();

    public SlotQueue(RoutineCell owner, SlotDescriptor slot, int capacity, QueueFullPolicy policy)
        : base(owner, slot, capacity, policy, new Envelope[s_ringOffset + capacity], RuntimeHelpers.IsReferenceOrContainsReferences<T>())
    {
        _lowWater = capacity - Math.Max(1, capacity / Tuning.LowWaterDivisor);
        _consumerLocks = policy == QueueFullPolicy.DropOldest;
    }

    /// <summary>The payload of the message in the consumer's hand. Consumer only.</summary>
    public ref readonly T InHandPayload
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref _inHandPayload;
    }

    /// <summary>
    /// Offers a message. The producer has already counted it into <paramref name="job"/>; when the message is not
    /// queued (Dropped, Rejected, MustWait) the producer still holds the job open, so the count is undone here for
    /// a drop and by the producer otherwise. When the queue is full under Wait and <paramref name="waiter"/> is given,
    /// the waiter is registered under the producers' lock and the queue is looked at again after, so no wake-up is lost.
    /// A <paramref name="handOff"/> (a stream crossing a cut) schedules an idle consumer on the pool's global queue,
    /// where another thread picks it up, rather than behind the busy producer on its own thread's queue.
    /// </summary>
    public EnqueueOutcome TryEnqueue(T payload, Job job, SpaceWaiter? waiter, bool handOff = false)
    {
        Job? evicted = null;
        EnterProducers();
        var tail = _indices.Tail;
        if (tail - _indices.CachedHead >= Capacity)
        {
            // Full as last seen: look at the real head (acquire: the consumer is done with the places it freed).
            _indices.CachedHead = Volatile.Read(ref _indices.Head);
        }

        if (tail - _indices.CachedHead < Capacity)
        {
            Append(payload, job, tail);
        }
        else
        {
            switch (Policy)
            {
                case QueueFullPolicy.Fail:
                    ExitProducers();
                    return EnqueueOutcome.Rejected;
                case QueueFullPolicy.DropNewest:
                    ExitProducers();

                    // The arriving message is the one dropped; its producer still holds the job open.
                    CountDrop(job, releasePending: false);
                    return EnqueueOutcome.Dropped;
                case QueueFullPolicy.DropOldest:
                    // The consumer takes under this lock too: evict the head, and the ring stays full with the newest.
                    evicted = EvictHead();
                    Append(payload, job, tail);
                    break;
                default:
                    if (waiter is null)
                    {
                        ExitProducers();
                        return EnqueueOutcome.MustWait;
                    }

                    RegisterWaiter(waiter, tail);
                    ExitProducers();
                    return EnqueueOutcome.MustWait;
            }
        }

        // A full fence after publishing the tail: it pairs with the one a consumer makes as it goes idle, so either
        // the consumer sees this message or the schedule check below sees the consumer idle.
        ExitProducers();
        if (evicted is not null)
        {
            // The evicted message may have been the last of its job, which then completes.
            CountDrop(evicted, releasePending: true);
        }

        Owner.ScheduleAfterFence(preferLocal: !handOff);
        return EnqueueOutcome.Enqueued;
    }

    /// <summary>
    /// A stream's hand-off to a full queue: while the consumer keeps taking, waits with the thread for the queue to
    /// drain to its low-water mark instead of parking the message. Parking would leave the rest of the fused chain
    /// behind this routine running without it, as a third segment competing for the cores; a consumer that is
    /// draining the queue makes room within microseconds. Looks rarely, so as not to pull the consumer's cache line
    /// away on every message it takes. Parks (<see cref="TryEnqueue"/> with the waiter) when the consumer is not
    /// running a turn, has taken nothing for about 1.5 ms, or after <see cref="HandOffPatienceMs"/> in all.
    /// </summary>
    public EnqueueOutcome TryHandOff(T payload, Job job, SpaceWaiter waiter)
    {
        var outcome = TryEnqueue(payload, job, waiter: null, handOff: true);
        if (outcome != EnqueueOutcome.MustWait)
        {
            return outcome;
        }

        var deadline = Environment.TickCount64 + HandOffPatienceMs;
        var lastHead = Volatile.Read(ref _indices.Head);
        var stalledLooks = 0;
        var idleLooks = 0;
        for (var look = 1; Owner.IsRunning && !job.IsStopped; look++)
        {
            // Room comes only from a consumer that is running. One that is merely scheduled gets a moment for its
            // thread to come; after that, this thread may be the one the pool needs to run it, so park.
            if (!Owner.IsInTurn && ++idleLooks > LooksForConsumerToStart)
            {
                break;
            }

            if (look % 16 == 0)
            {
                if (Environment.TickCount64 > deadline)
                {
                    break;
                }

                // Now and then the core goes to whoever else wants it: the consumer's thread, if it shares this core.
                Thread.Yield();
            }
            else
            {
                Thread.SpinWait(HandOffPause);
            }

            var head = Volatile.Read(ref _indices.Head);
            if (head != lastHead)
            {
                lastHead = head;
                stalledLooks = 0;
            }
            else if (++stalledLooks > StalledLooksBeforePark)
            {
                // Running but not taking (a slow handler, a wait downstream): park like any producer.
                break;
            }

            if (Volatile.Read(ref _indices.Tail) - head <= _lowWater)
            {
                outcome = TryEnqueue(payload, job, waiter: null, handOff: true);
                if (outcome != EnqueueOutcome.MustWait)
                {
                    return outcome;
                }
            }
        }

        return TryEnqueue(payload, job, waiter, handOff: true);
    }

    public override Job TakeHead()
    {
        // Under DropOldest the take holds the producers' lock, and WakeWaitersIfDrained (which takes it too) is never
        // reached: that policy evicts instead of making producers wait, so it never has waiters.
        if (_consumerLocks)
        {
            EnterProducers();
            var job = TakeHeadUnlocked();
            ExitProducers();
            return job;
        }

        return TakeHeadUnlocked();
    }

    private Job TakeHeadUnlocked()
    {
        Debug.Assert(Volatile.Read(ref _indices.Tail) > _indices.Head, "TakeHead on an empty queue.");
        var position = _indices.HeadPosition;
        ref var place = ref Place(position);
        _inHandPayload = place.Payload;
        var job = place.Job;

        // Clear the place so the ring does not keep payloads or jobs alive.
        place = default;
        _indices.HeadPosition = position + 1 == Capacity ? 0 : position + 1;

        // Release: the place is read and cleared before producers may see it free.
        Volatile.Write(ref _indices.Head, _indices.Head + 1);

        // Wake the waiting producers only once the queue has drained to its low-water mark, then all of them: each
        // refills a quarter of the queue in one go instead of the whole crowd waking for every single free place.
        if (Volatile.Read(ref _indices.HasWaiters) != 0)
        {
            WakeWaitersIfDrained();
        }

        return job;
    }

    public override bool HeadBelongsTo(Job job) => ReferenceEquals(Place(_indices.HeadPosition).Job, job);

    public override Job? HeadJob() => Count > 0 ? Place(_indices.HeadPosition).Job : null;

    // A place being taken reads as cleared (no job), never as another queue's: the position always lies in the ring.
    public override bool HeadJobIsStopped() => Count > 0 && Place(_indices.HeadPosition).Job is { IsStopped: true };

    public override Job? TakeHeadIfStopped()
    {
        // Under DropOldest a producer may evict the head between the look and the take: both under its lock.
        if (_consumerLocks)
        {
            EnterProducers();
            var job = HeadJobIsStopped() ? TakeHeadUnlocked() : null;
            ExitProducers();
            return job;
        }

        return HeadJobIsStopped() ? TakeHeadUnlocked() : null;
    }

    /// <summary>
    /// Keeps the rest of a batch passed on behind the message in hand: <paramref name="count"/> payloads at
    /// <paramref name="items"/>[<paramref name="start"/>] on, all of the cell's current job (see <see cref="SlotQueue.NextOfBatch"/>).
    /// Copied: the emitter's outbox is written again as soon as the emitter is given back. Consumer only.
    /// </summary>
    public void HoldBatch(T[] items, int start, int count)
    {
        Debug.Assert(count >= 1, "A batch has a message behind the one in hand.");
        if (_batch.Length < count)
        {
            _batch = new T[Math.Max(count, 2 * _batch.Length)];
        }

        Array.Copy(items, start, _batch, 0, count);
        _batchNext = 0;
        _batchEnd = count;
    }

    public override void NextOfBatch()
    {
        Debug.Assert(_batchNext < _batchEnd, "NextOfBatch with no batch left.");
        ref var item = ref _batch[_batchNext++];
        _inHandPayload = item;
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            item = default!;
        }
    }

    public override void DropBatch()
    {
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>() && _batchNext < _batchEnd)
        {
            Array.Clear(_batch, _batchNext, _batchEnd - _batchNext);
        }

        _batchNext = 0;
        _batchEnd = 0;
    }

    public override void WakeProducersWhenEmpty() => _lowWater = 0;

    public override void WakeWaitersIfDrained()
    {
        if (Volatile.Read(ref _indices.HasWaiters) == 0 || Count > _lowWater)
        {
            return;
        }

        EnterProducers();
        try
        {
            // Signal queues each waiter's continuation on the thread pool, so no user code runs under the lock.
            while (_waiters.Count > 0)
            {
                _waiters.Dequeue().Signal();
            }

            _indices.HasWaiters = 0;
        }
        finally
        {
            ExitProducers();
        }
    }

    /// <summary>Registers a producer waiting for room. Producers' lock held.</summary>
    private void RegisterWaiter(SpaceWaiter waiter, long tail)
    {
        waiter.Arm();
        _waiters.Enqueue(waiter);
        _indices.HasWaiters = 1;

        // Dekker with the consumer, which publishes its head and then reads the flag: after this fence, either the
        // consumer will see the flag on a later take, or the head read here already shows the room it made.
        Interlocked.MemoryBarrier();
        var head = Volatile.Read(ref _indices.Head);
        _indices.CachedHead = head;
        if (tail - head <= _lowWater)
        {
            // The consumer drained the queue meanwhile and may have looked at the flag before it was set.
            while (_waiters.Count > 0)
            {
                _waiters.Dequeue().Signal();
            }

            _indices.HasWaiters = 0;
        }
    }

    /// <summary>Writes a message at the tail and publishes it. Producers' lock held, room checked.</summary>
    private void Append(T payload, Job job, long tail)
    {
        var position = _indices.TailPosition;
        Place(position) = new Envelope(payload, job);
        _indices.TailPosition = position + 1 == Capacity ? 0 : position + 1;

        // Release: the message is written before the consumer can see the new tail.
        Volatile.Write(ref _indices.Tail, tail + 1);
    }

    /// <summary>Removes the head of a full DropOldest queue for a newer message. Producers' lock held (the consumer takes under it too).</summary>
    private Job EvictHead()
    {
        var position = _indices.HeadPosition;
        var evicted = Place(position).Job;
        Place(position) = default;
        _indices.HeadPosition = position + 1 == Capacity ? 0 : position + 1;
        Volatile.Write(ref _indices.Head, _indices.Head + 1);
        _indices.CachedHead = _indices.Head;
        return evicted;
    }

    /// <summary>
    /// The ring's place <paramref name="position"/> (0 to Capacity - 1), past the unused places at its start. No bounds
    /// check: it would read the array's length, on the cache line the consumer writes for every message.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref Envelope Place(int position)
    {
        Debug.Assert((uint)position < (uint)Capacity, "Ring position out of range.");
        return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Unsafe.As<Envelope[]>(_ringStorage)), s_ringOffset + position);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EnterProducers()
    {
        if (Interlocked.CompareExchange(ref _indices.ProducerLock, 1, 0) != 0)
        {
            EnterProducersContended();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void EnterProducersContended()
    {
        // Held for a few stores at most; SpinWait yields and then sleeps if the holder was preempted.
        var spinner = default(SpinWait);
        do
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }
        while (Volatile.Read(ref _indices.ProducerLock) != 0 || Interlocked.CompareExchange(ref _indices.ProducerLock, 1, 0) != 0);
    }

    // An interlocked exchange rather than a plain release: callers rely on it as a full fence.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ExitProducers() => Interlocked.Exchange(ref _indices.ProducerLock, 0);

    protected override void ClearInHandPayload() => _inHandPayload = default!;

    /// <summary>
    /// Puts a payload in hand: for a handler run inline, or a buffered message for a join handler to read (its job is
    /// the cell's current job). Consumer only.
    /// </summary>
    public void SetInHandPayload(T payload) => _inHandPayload = payload;

    public override void Unregister(SpaceWaiter waiter)
    {
        if (Volatile.Read(ref _indices.HasWaiters) == 0)
        {
            return;
        }

        EnterProducers();
        try
        {
            var remaining = _waiters.Count;
            for (var i = 0; i < remaining; i++)
            {
                var w = _waiters.Dequeue();
                if (!ReferenceEquals(w, waiter))
                {
                    _waiters.Enqueue(w);
                }
            }

            if (_waiters.Count == 0)
            {
                _indices.HasWaiters = 0;
            }
        }
        finally
        {
            ExitProducers();
        }
    }

    private struct Envelope
    {
        public T Payload;
        public Job Job;

        public Envelope(T payload, Job job)
        {
            Payload = payload;
            Job = job;
        }
    }
}
