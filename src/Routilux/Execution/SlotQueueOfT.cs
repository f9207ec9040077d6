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
    private int _count;

    public SlotQueue(RoutineCell owner, SlotDescriptor slot, int capacity)
        : base(owner, slot, capacity)
    {
        _ring = new Envelope[capacity];
    }

    public override int Count => Volatile.Read(ref _count);

    public override Job HeadJob => _ring[_head].Job;

    /// <summary>The payload of the head message. Consumer only, and only when <see cref="Count"/> &gt; 0.</summary>
    public ref readonly T HeadPayload
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref _ring[_head].Payload;
    }

    /// <summary>Adds a message if there is room, then makes sure the owner will run.</summary>
    /// <returns><see langword="false"/> when the queue is full; nothing was added.</returns>
    public bool TryEnqueue(T payload, Job job)
    {
        lock (_gate)
        {
            if (_count == _ring.Length)
            {
                return false;
            }

            var tail = _head + _count;
            if (tail >= _ring.Length)
            {
                tail -= _ring.Length;
            }

            _ring[tail] = new Envelope(payload, job);
            _count++;
        }

        Owner.Schedule();
        return true;
    }

    /// <summary>
    /// Adds a message if there is room; otherwise registers <paramref name="waiter"/> to be signalled when a place
    /// frees up. Registration happens under the same lock as the full check, so no wake-up is lost.
    /// </summary>
    /// <returns><see langword="true"/> when the message was added.</returns>
    public bool TryEnqueueOrRegister(T payload, Job job, SpaceWaiter waiter)
    {
        lock (_gate)
        {
            if (_count == _ring.Length)
            {
                // Armed under the lock: the only signal that can reach it is one from this queue or its cancellation.
                waiter.Arm();
                _waiters.Enqueue(waiter);
                return false;
            }

            var tail = _head + _count;
            if (tail >= _ring.Length)
            {
                tail -= _ring.Length;
            }

            _ring[tail] = new Envelope(payload, job);
            _count++;
        }

        Owner.Schedule();
        return true;
    }

    public override void RemoveHead()
    {
        lock (_gate)
        {
            Debug.Assert(_count > 0, "RemoveHead on an empty queue.");

            // Clear the place so the queue does not keep payloads or jobs alive.
            _ring[_head] = default;
            _head++;
            if (_head == _ring.Length)
            {
                _head = 0;
            }

            _count--;

            // Wake every waiter: each retries, and the ones that find the queue full again re-register.
            // Waking one only would lose the wake-up if that one was cancelled meanwhile. Signal completes
            // continuations asynchronously, so calling it under the lock runs no user code here.
            while (_waiters.Count > 0)
            {
                _waiters.Dequeue().Signal();
            }
        }
    }

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
