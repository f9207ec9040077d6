using System.Diagnostics;

namespace Routilux.Execution;

/// <summary>
/// The producers waiting for room in one full <see cref="SlotQueue"/>, woken together once it has drained to its
/// low-water mark. Its own lock guards the list; <see cref="Any"/> is a flag the consumer reads without it on every
/// take. The fence protocol that keeps a wake-up from being lost is the queue's (see the contract at the top of
/// SlotQueueOfT.cs): this type only keeps the list and the flag consistent.
/// </summary>
[DebuggerDisplay("Waiting producers: {_waiters.Count}")]
internal sealed class WaitingProducers
{
    // Guards _waiters and every write of _any. Held for a few field writes; signalling queues work items, never runs
    // user code, so nothing under it can block or re-enter.
    private readonly object _lock = new();
    private readonly Queue<SpaceWaiter> _waiters = new();

    // 1 while _waiters is not empty. Written under _lock; read without it by the consumer on every take and by
    // anyone about to take the lock (a cheap "nothing to do").
    private int _any;

    /// <summary>Whether a producer may be waiting. A hint without the lock: see the queue's contract for when it is exact.</summary>
    public bool Any => Volatile.Read(ref _any) != 0;

    /// <summary>
    /// Arms <paramref name="waiter"/> and adds it. The caller then makes a full fence and looks at the head again
    /// (the queue's fence pair with the consumer's take).
    /// </summary>
    public void Register(SpaceWaiter waiter)
    {
        lock (_lock)
        {
            waiter.Arm();
            _waiters.Enqueue(waiter);
            Volatile.Write(ref _any, 1);
            AssertInvariants();
        }
    }

    /// <summary>Signals every waiter (each resumes as its own thread-pool work item) and empties the list.</summary>
    public void WakeAll()
    {
        if (!Any)
        {
            return;
        }

        lock (_lock)
        {
            while (_waiters.TryDequeue(out var waiter))
            {
                waiter.Signal();
            }

            Volatile.Write(ref _any, 0);
            AssertInvariants();
        }
    }

    /// <summary>Removes a waiter that stopped waiting (its job ended), so it is not woken later. Any thread.</summary>
    public void Unregister(SpaceWaiter waiter)
    {
        if (!Any)
        {
            return;
        }

        lock (_lock)
        {
            for (var remaining = _waiters.Count; remaining > 0; remaining--)
            {
                var w = _waiters.Dequeue();
                if (!ReferenceEquals(w, waiter))
                {
                    _waiters.Enqueue(w);
                }
            }

            if (_waiters.Count == 0)
            {
                Volatile.Write(ref _any, 0);
            }

            AssertInvariants();
        }
    }

    [Conditional("DEBUG")]
    private void AssertInvariants()
    {
        Debug.Assert(Monitor.IsEntered(_lock), "The waiting producers' list is touched only under its lock.");
        Debug.Assert((_waiters.Count > 0) == (_any != 0), "The waiters flag says whether the list is empty.");
    }
}
