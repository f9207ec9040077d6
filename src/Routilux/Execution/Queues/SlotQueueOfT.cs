using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Routilux.Execution;

// ==== The slot queue's concurrency contract ==========================================================================
//
// Who. Producers: any thread offering a message (TryEnqueue, TryHandOff); any number at once. The consumer: the thread
// holding the owning cell's claim (RoutineCell._scheduled == 1: scheduled, in a turn, or running a message inline);
// one at a time, and only it calls the members marked "Consumer only", each of which asserts the claim in DEBUG
// (Owner.AssertClaimed). Any thread: Count, HasPublishedHead, HeadJobIsStopped, Unregister, WakeWaitersIfDrained.
//
// Fields (QueueIndices keeps the two sides on cache lines of their own):
//   _indices.Tail        places claimed. Written by producers, by compare-and-swap only; read by anyone.
//   _indices.CachedHead  producers' shared view of Head (always <= Head). Written by a producer that looked at Head
//                        (or an eviction); read by producers.
//   _indices.Head        messages taken or evicted. Written by the consumer (release), or by a DropOldest eviction
//                        under _dropOldestLock; read by anyone.
//   _indices.Published   the consumer's view: places [Head, Published) held published messages. Consumer only.
//   place.Sequence       SequenceOf(i) once message i is published in its place. Written (interlocked) by the one
//                        producer that claimed i; read (acquire) by the consumer, and by any thread as a hint.
//   place.Payload/Job    written by the producer that claimed the place, before publishing; read and cleared by the
//                        consumer after seeing it published (or by an eviction, under the lock).
//   _inHandPayload, _batch, _batchNext, _batchEnd   Consumer only.
//   _lowWater            set while the worker is built (WakeProducersWhenEmpty), read-only after.
//   _waiting             the waiter registry: its own lock (WaitingProducers); its Any flag is read by the consumer
//                        on every take without the lock.
//   _dropOldestLock      DropOldest queues only: held by every producer for its whole offer and by the consumer for
//                        every take, because a producer may evict the head.
//
// Claim and publish. A producer reads Tail, checks room against CachedHead (looking at Head only when that says
// full), claims place Tail with a compare-and-swap of Tail to Tail + 1 (a failure means another producer won that
// place: try the next one, no waiting), writes the message into the place and publishes it by writing its sequence.
// Producers never wait for one another; a claimed place is unpublished only for the few stores in between. The
// consumer takes message Head once its place shows SequenceOf(Head), never reading Tail to find messages; the
// ring's capacity is bounded by Capacity against Head, its places number a power of two >= Capacity.
// Count (Tail - Head) counts claimed places, published or not: a producer that sees 0 knows nothing of its own is
// ahead (the inline run's condition). Whether the cell has work is decided by HasPublishedHead instead: a place
// claimed but unpublished is its producer's to announce (F3), and counting it would make the cell spin until then.
//
// Fence pairs, and what each orders:
//   F1  producer: message stores, then the interlocked sequence write (Publish)  <->  consumer: acquire read of the
//       sequence (IsPublished), then the message reads. The message is whole when the consumer sees it published.
//   F2  consumer: reads and clears a place, then the release write of Head (TakeAt)  <->  producer: acquire read of
//       Head (HasRoomAfterLook) or of CachedHead (stored with release after such a read), then writing the place
//       claimed. A place is reused only after the consumer is done with it.
//   F3  producer: publish (the interlocked write of F1, a full fence), then a plain read of the cell's claim
//       (Owner.ScheduleAfterFence)  <->  consumer giving up the claim: the interlocked write of 0 (TryGoIdle,
//       ReleaseClaim), then HasPublishedHead on every queue. Either the producer sees the cell idle and schedules it,
//       or the cell sees the message and takes the claim back.
//   F4  waiter: registers (WaitingProducers.Register), full fence, then reads Tail and Head  <->  consumer: after its
//       full fence of F3 (or a handler going asynchronous), WakeWaitersIfDrained reads the waiters flag. A take's
//       own look at the flag is unfenced and may miss a waiter registering at that moment; the fenced look at the
//       end of the turn catches it, so a waiter is never stranded past the consumer's next idle.
//   DropOldest: _dropOldestLock orders an eviction with the consumer's takes; F1 and F3 hold as for other policies.
// =====================================================================================================================

/// <summary>
/// A bounded multi-producer, single-consumer ring of typed envelopes, preallocated so that steady-state enqueue and
/// take allocate nothing and value-type payloads are never boxed. The ring itself is in SlotQueueOfT.Ring.cs; the
/// waiting producers in <see cref="WaitingProducers"/>.
/// </summary>
/// <typeparam name="T">The slot's payload type.</typeparam>
[DebuggerDisplay("{Owner.RoutineId,nq}.{Slot.Name,nq}: {Count}/{Capacity} ({Policy}), waiting producers: {_waiting.Any}")]
internal sealed partial class SlotQueue<T> : SlotQueue
{
    // Producers that found the queue full, woken together at the low-water mark.
    private readonly WaitingProducers _waiting = new();

    // Waiting producers are woken when the queue has drained to this many messages (see Tuning.LowWaterDivisor), or
    // when empty for a routine inside a stream's segment (see WakeProducersWhenEmpty).
    private int _lowWater;

    // DropOldest only: a producer may evict the head, so its producers offer and its consumer takes under this lock.
    private readonly object? _dropOldestLock;

    // The payload of the message being handled: out of the ring (its place is free for producers) but not yet done.
    // Its job is the cell's current job.
    private T _inHandPayload = default!;

    // Messages this slot has received, as a running count: taken from the ring (into hand or an activation buffer),
    // run inline, passed on, or taken from a batch in hand. The message in hand is number _received. It is the
    // sequence in a message's stable id (RoutineContext.MessageId), which checkpoints save and restore; one increment
    // on the line the consumer writes for every message anyway. Consumer only.
    private long _received;

    // The rest of a batch passed on in hand (see SlotQueue.HasBatchLeft); allocated at the first batch, grown as needed.
    private T[] _batch = Array.Empty<T>();

    public SlotQueue(RoutineCell owner, SlotDescriptor slot, int capacity, QueueFullPolicy policy)
        : base(owner, slot, capacity, policy, NewRing(capacity), RuntimeHelpers.IsReferenceOrContainsReferences<T>())
    {
        _mask = (int)BitOperations.RoundUpToPowerOf2((uint)capacity) - 1;
        _lowWater = capacity - Math.Max(1, capacity / Tuning.LowWaterDivisor);
        _dropOldestLock = policy == QueueFullPolicy.DropOldest ? new object() : null;
    }

    /// <summary>The payload of the message in the consumer's hand. Consumer only.</summary>
    public ref readonly T InHandPayload
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            Owner.AssertClaimed();
            return ref _inHandPayload;
        }
    }

    /// <summary>
    /// Offers a message. The producer has already counted it into <paramref name="job"/>; when the message is not
    /// queued (Dropped, Rejected, MustWait) the producer still holds the job open, so the count is undone here for
    /// a drop and by the producer otherwise. When the queue is full under Wait and <paramref name="waiter"/> is given,
    /// the waiter is registered and the queue is looked at again after (F4), so no wake-up is lost.
    /// A <paramref name="handOff"/> (a stream crossing a cut) schedules an idle consumer on the pool's global queue,
    /// where another thread picks it up, rather than behind the busy producer on its own thread's queue.
    /// </summary>
    public EnqueueOutcome TryEnqueue(T payload, Job job, SpaceWaiter? waiter, bool handOff = false)
    {
        if (_dropOldestLock is not null)
        {
            EnqueueDroppingOldest(payload, job);
        }
        else if (TryClaim(out var tail))
        {
            Publish(tail, payload, job);
        }
        else
        {
            return Full(job, waiter);
        }

        if (_hooks is not null)
        {
            // Before scheduling: the job is still held open by its producer, so the hook never sees a finished job.
            _hooks.Enqueued(new MessageEvent(job, Owner.RoutineId, Slot.Name));
        }

        // F3: Publish's interlocked write was the full fence this plain look at the claim relies on.
        Owner.ScheduleAfterFence(preferLocal: !handOff);
        return EnqueueOutcome.Enqueued;
    }

    /// <summary>
    /// A stream's hand-off across a cut: queued like any message, but an idle consumer is scheduled where another
    /// thread picks it up. A full queue parks the producer with its waiter like any other (no spinning for room: a
    /// pool thread that spins keeps the core from the consumer that would make it).
    /// </summary>
    public EnqueueOutcome TryHandOff(T payload, Job job, SpaceWaiter waiter) => TryEnqueue(payload, job, waiter, handOff: true);

    /// <summary>The queue was full, under a policy other than DropOldest.</summary>
    private EnqueueOutcome Full(Job job, SpaceWaiter? waiter)
    {
        switch (Policy)
        {
            case QueueFullPolicy.Fail:
                return EnqueueOutcome.Rejected;
            case QueueFullPolicy.DropNewest:
                // The arriving message is the one dropped; its producer still holds the job open.
                CountDrop(job, releasePending: false);
                return EnqueueOutcome.Dropped;
        }

        if (waiter is not null)
        {
            _waiting.Register(waiter);

            // F4: after this fence, either the consumer's fenced look sees the waiter, or this look sees the room it made.
            Interlocked.MemoryBarrier();
            if (Count <= _lowWater)
            {
                _waiting.WakeAll();
            }
        }

        return EnqueueOutcome.MustWait;
    }

    /// <summary>A DropOldest offer: under the lock the consumer takes under too, evicting the head when full.</summary>
    private void EnqueueDroppingOldest(T payload, Job job)
    {
        Job? evicted = null;
        lock (_dropOldestLock!)
        {
            if (!TryClaim(out var tail))
            {
                // The ring stays full, with the newest.
                evicted = EvictHead();
                var claimed = TryClaim(out tail);
                Debug.Assert(claimed, "An eviction makes room under the lock.");
            }

            Publish(tail, payload, job);
            AssertInvariants();
        }

        if (evicted is not null)
        {
            // The evicted message may have been the last of its job, which then completes.
            CountDrop(evicted, releasePending: true);
        }
    }

    public override Job TakeHead()
    {
        Owner.AssertClaimed();
        if (_dropOldestLock is not null)
        {
            // DropOldest never has waiters (it evicts instead), so nothing is woken under the lock.
            lock (_dropOldestLock)
            {
                var evictable = TakeAt(_indices.Head);
                AssertInvariants();
                return evictable;
            }
        }

        var job = TakeAt(_indices.Head);
        AssertInvariants();

        // Wake the waiting producers only once the queue has drained to its low-water mark, then all of them: each
        // refills a share of the queue in one go instead of the whole crowd waking for every single free place.
        // Unfenced (F4): the consumer's fenced look at the end of its turn catches a waiter this one misses.
        if (_waiting.Any)
        {
            WakeWaitersIfDrained();
        }

        return job;
    }

    public override bool HeadBelongsTo(Job job)
    {
        Owner.AssertClaimed();
        return ReferenceEquals(Place(_indices.Head).Job, job);
    }

    public override Job? HeadJob()
    {
        Owner.AssertClaimed();
        return PublishedHeadJob();
    }

    public override bool HasPublishedHead() => IsPublished(Volatile.Read(ref _indices.Head));

    // A place being taken reads as cleared (no job), never as another queue's: the position always lies in the ring.
    public override bool HeadJobIsStopped() => PublishedHeadJob() is { IsStopped: true };

    /// <summary>The job of the head message if it is published, otherwise <see langword="null"/>. Any thread, as a hint.</summary>
    private Job? PublishedHeadJob()
    {
        var head = Volatile.Read(ref _indices.Head);
        return IsPublished(head) ? Place(head).Job : null;
    }

    public override Job? TakeHeadIfStopped()
    {
        Owner.AssertClaimed();

        // Under DropOldest a producer may evict the head between the look and the take: both under the lock.
        if (_dropOldestLock is not null)
        {
            lock (_dropOldestLock)
            {
                return HeadJobIsStopped() ? TakeAt(_indices.Head) : null;
            }
        }

        return HeadJobIsStopped() ? TakeHead() : null;
    }

    /// <summary>
    /// Keeps the rest of a batch passed on behind the message in hand: <paramref name="count"/> payloads at
    /// <paramref name="items"/>[<paramref name="start"/>] on, all of the cell's current job (see <see cref="SlotQueue.NextOfBatch"/>).
    /// Copied: the emitter's outbox is written again as soon as the emitter is given back. Consumer only.
    /// </summary>
    public void HoldBatch(T[] items, int start, int count)
    {
        Owner.AssertClaimed();
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
        Owner.AssertClaimed();
        Debug.Assert(_batchNext < _batchEnd, "NextOfBatch with no batch left.");
        ref var item = ref _batch[_batchNext++];
        _inHandPayload = item;
        _received++;
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            item = default!;
        }
    }

    public override void DropBatch()
    {
        Owner.AssertClaimed();
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
        if (_waiting.Any && Count <= _lowWater)
        {
            // Signal queues each waiter's continuation on the thread pool, so no user code runs under the registry's lock.
            _waiting.WakeAll();
        }
    }

    public override void Unregister(SpaceWaiter waiter) => _waiting.Unregister(waiter);

    protected override void ClearInHandPayload() => _inHandPayload = default!;

    /// <summary>
    /// Puts a newly received payload in hand, for a handler run inline or passed on (its job is the cell's current
    /// job). Consumer only.
    /// </summary>
    public void SetInHandPayload(T payload)
    {
        Owner.AssertClaimed();
        _inHandPayload = payload;
        _received++;
    }

    /// <summary>
    /// Puts a payload already received (and counted) in hand: a join's buffered message, or a checkpoint's message
    /// waiting for a retry. Consumer only.
    /// </summary>
    public void SetReceivedInHand(T payload)
    {
        Owner.AssertClaimed();
        _inHandPayload = payload;
    }

    /// <summary>
    /// DEBUG builds: the ring's invariants, as the consumer (or a DropOldest producer under the lock) sees them, its
    /// head being stable meanwhile.
    /// </summary>
    [Conditional("DEBUG")]
    private void AssertInvariants()
    {
        Debug.Assert(_dropOldestLock is null || Monitor.IsEntered(_dropOldestLock), "A DropOldest queue changes only under its lock.");
        var head = Volatile.Read(ref _indices.Head);
        var tail = Volatile.Read(ref _indices.Tail);
        Debug.Assert(tail - head >= 0 && tail - head <= Capacity, $"0 <= tail - head <= capacity: tail {tail}, head {head}, capacity {Capacity}.");
        Debug.Assert(Volatile.Read(ref _indices.CachedHead) <= head, "The producers' view of the head is never ahead of it.");
        Debug.Assert(_indices.Published <= tail, "The consumer's published view is within the claimed places.");
        Debug.Assert(_mask + 1 >= Capacity && (_mask & (_mask + 1)) == 0, "The ring has a power of two of places, at least the capacity.");
        Debug.Assert(_batchNext <= _batchEnd, "The batch in hand is a range.");
    }
}
