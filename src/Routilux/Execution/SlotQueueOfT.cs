using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Routilux.Execution;

/// <summary>
/// A ring buffer of typed envelopes, preallocated at its capacity so that steady-state enqueue and dequeue
/// allocate nothing and value-type payloads are never boxed.
/// </summary>
/// <typeparam name="T">The slot's payload type.</typeparam>
internal sealed class SlotQueue<T> : SlotQueue
{
    private readonly Envelope[] _ring;
    private readonly object _gate = new();

    // Producers that found the queue full, woken one per freed place, in arrival order.
    private readonly Queue<SpaceWaiter> _waiters = new();
    private int _head;

    // Waiting producers are woken when the queue has drained to this many messages (three quarters full).
    private readonly int _lowWater;

    // The message being handled: out of the ring (its place is free for producers) but not yet done.
    private Envelope _inHand;

    public SlotQueue(RoutineCell owner, SlotDescriptor slot, int capacity, QueueFullPolicy policy)
        : base(owner, slot, capacity, policy)
    {
        _ring = new Envelope[capacity];
        _lowWater = capacity - Math.Max(1, capacity / 4);
    }

    /// <summary>The payload of the message in the consumer's hand. Consumer only.</summary>
    public ref readonly T InHandPayload
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref _inHand.Payload;
    }

    /// <summary>
    /// Offers a message. The producer has already counted it into <paramref name="job"/>; when the message is not
    /// queued (Dropped, Rejected, MustWait) the producer still holds the job open, so the count is undone here for
    /// a drop and by the producer otherwise. When the queue is full under Wait and <paramref name="waiter"/> is given,
    /// the waiter is registered under the same lock as the full check, so no wake-up is lost.
    /// </summary>
    public EnqueueOutcome TryEnqueue(T payload, Job job, SpaceWaiter? waiter)
    {
        Job? evicted = null;
        lock (_gate)
        {
            if (_count < _ring.Length)
            {
                var tail = _head + _count;
                if (tail >= _ring.Length)
                {
                    tail -= _ring.Length;
                }

                _ring[tail] = new Envelope(payload, job);
                _count++;
            }
            else
            {
                switch (Policy)
                {
                    case QueueFullPolicy.Fail:
                        return EnqueueOutcome.Rejected;
                    case QueueFullPolicy.DropNewest:
                        evicted = job;
                        break;
                    case QueueFullPolicy.DropOldest:
                        // Overwrite the oldest: the ring stays full and keeps the newest messages.
                        evicted = _ring[_head].Job;
                        _ring[_head] = new Envelope(payload, job);
                        _head = _head + 1 == _ring.Length ? 0 : _head + 1;
                        break;
                    default:
                        if (waiter is not null)
                        {
                            // Armed under the lock: the only signal that can reach it is one from this queue or its cancellation.
                            waiter.Arm();
                            _waiters.Enqueue(waiter);
                        }

                        return EnqueueOutcome.MustWait;
                }
            }
        }

        if (Policy == QueueFullPolicy.DropNewest && evicted is not null)
        {
            // The arriving message is the one dropped; its producer still holds the job open.
            CountDrop(job, releasePending: false);
            return EnqueueOutcome.Dropped;
        }

        if (evicted is not null)
        {
            // The evicted message may have been the last of its job, which then completes.
            CountDrop(evicted, releasePending: true);
        }

        Owner.Schedule();
        return EnqueueOutcome.Enqueued;
    }

    public override Job TakeHead()
    {
        lock (_gate)
        {
            Debug.Assert(_count > 0, "TakeHead on an empty queue.");
            _inHand = _ring[_head];

            // Clear the place so the ring does not keep payloads or jobs alive.
            _ring[_head] = default;
            _head++;
            if (_head == _ring.Length)
            {
                _head = 0;
            }

            _count--;

            // Wake the waiting producers only once the queue has drained to its low-water mark, then all of them:
            // each refills a quarter of the queue in one go instead of the whole crowd waking for every single
            // free place. Nothing is lost: waiters exist only while the queue is full, and the consumer keeps
            // taking until the mark is reached. Signal queues the continuation, so no user code runs under the lock.
            if (_waiters.Count > 0 && _count <= _lowWater)
            {
                while (_waiters.Count > 0)
                {
                    _waiters.Dequeue().Signal();
                }
            }
        }

        return _inHand.Job;
    }

    public override void ReleaseInHand() => _inHand = default;

    /// <summary>Puts a payload in hand for a handler run inline (its job is the cell's current job). Consumer only.</summary>
    public void SetInHandPayload(T payload) => _inHand.Payload = payload;

    /// <summary>Puts a buffered message in hand, for a join handler to read. Consumer only.</summary>
    public void SetInHand(T payload, Job job) => _inHand = new Envelope(payload, job);

    public override void Unregister(SpaceWaiter waiter)
    {
        lock (_gate)
        {
            if (_waiters.Count == 0)
            {
                return;
            }

            var remaining = _waiters.Count;
            for (var i = 0; i < remaining; i++)
            {
                var w = _waiters.Dequeue();
                if (!ReferenceEquals(w, waiter))
                {
                    _waiters.Enqueue(w);
                }
            }
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
