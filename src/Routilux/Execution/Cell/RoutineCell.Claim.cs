using System.Diagnostics;

namespace Routilux.Execution;

// The claim (rule C1 of the contract in RoutineCell.cs): taking it, giving it up, and the look at the queues that
// follows every give-up so that no message is stranded (F1).
public sealed partial class RoutineCell
{
    /// <summary>Makes sure the cell will run: called after a message is queued for it. Any thread.</summary>
    internal void Schedule()
    {
        // Always a CAS, never a plain read first: it is the fence that pairs with the one in TryGoIdle (F1).
        if (Interlocked.CompareExchange(ref _scheduled.Value, 1, 0) == 0)
        {
            Dispatch();
        }
    }

    /// <summary>
    /// <see cref="Schedule"/> for a producer that has just made a full fence after queueing (F1): a plain read may
    /// come first. A cell that is already running is then only read, not written, and its flag's cache line stays
    /// shared instead of bouncing between cores. Any thread.
    /// </summary>
    internal void ScheduleAfterFence(bool preferLocal)
    {
        if (Volatile.Read(ref _scheduled.Value) == 0 && Interlocked.CompareExchange(ref _scheduled.Value, 1, 0) == 0)
        {
            Dispatch(preferLocal);
        }
    }

    // By default the local queue: a message posted from a pool thread is then handled by that same thread once it
    // yields, with no cross-thread wake-up; idle threads still steal it when this one stays busy.
    private void Dispatch(bool preferLocal = true) => ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal);

    /// <summary>Schedules the cell if messages are waiting: used when a pause ends. Any thread.</summary>
    internal void ScheduleIfWorkWaiting()
    {
        if (HasQueuedMessages())
        {
            Schedule();
        }
    }

    /// <summary>
    /// Whether any slot queue holds a message; decides whether the cell may go idle. Any thread: it is read right
    /// after the claim is given up, when another thread may already be the holder.
    /// </summary>
    private bool HasQueuedMessages()
    {
        // Only buffering routines ever get flush requests; skip the concurrent queue's check on the hot path.
        if (HasBuffers && !_flushRequests.IsEmpty)
        {
            return true;
        }

        for (var i = 0; i < _queues.Length; i++)
        {
            if (_queues[i].HasPublishedHead() && MayBeTakeable(i))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The turn found nothing to do: gives the claim up, unless a message arrived meanwhile.</summary>
    /// <returns><see langword="true"/> when the cell is idle (or another thread has claimed it since).</returns>
    private bool TryGoIdle()
    {
        // Not kept while idle: it would keep the job alive. Forgotten before the claim is given up, while this turn owns it.
        _lastBatchJob = null;
        _stream.Stop();
        AssertInvariants();
        Debug.Assert(!_hand.IsHeld && _owed.IsSettled && !_owed.InTurn && _clock.DeferredRuns == 0, "The claim was given up with a message in hand, releases owed or runs not recorded (C4).");

        // F1: a producer that queued after our last look saw _scheduled == 1 and left the work to us.
        // Resume clears the pause before it schedules, so a paused cell that goes idle here is woken by it.
        Interlocked.Exchange(ref _scheduled.Value, 0);

        // F6: the fence above also lets producers' waits for room be seen.
        WakeStrandedProducers();
        Worker.Touch();

        // Paused, only a stopped job's message keeps the cell busy: a job stopping now (Cancel sets its status with a
        // full fence, then schedules) either finds the cell idle or is seen here.
        var hasWork = Worker.DispatchStopped ? HasStoppedWork() : HasQueuedMessages();
        return !hasWork || Interlocked.CompareExchange(ref _scheduled.Value, 1, 0) != 0;
    }

    /// <summary>
    /// Claims the cell for a message run on this thread (E2, E3): it is idle, nothing is queued ahead on
    /// <paramref name="queue"/>, the slot is an immediate one and the worker is not paused.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private bool TryClaimIdle(SlotQueue queue, int depth)
    {
        // A plain read of the claim first: a busy cell's flag is then only read, and stays shared between cores.
        if (Volatile.Read(ref _scheduled.Value) != 0 || queue.Count != 0 || depth > Tuning.MaxInlineDepth || (HasBuffers && _buffers[queue.SlotIndex] is not null)
            || Worker.DispatchStopped || Interlocked.CompareExchange(ref _scheduled.Value, 1, 0) != 0)
        {
            return false;
        }

        // Claimed. A message queued just before the claim must go first: hand the cell back to the pool.
        if (queue.Count != 0)
        {
            ReleaseClaim();
            return false;
        }

        return true;
    }

    /// <summary>Gives back the claim of a cell that ran a message on an emitter's thread (inline or passed on).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void ReleaseInlineClaim()
    {
        // The depth first: once the claim has gone, another thread may run this cell inline at its own depth.
        _inlineDepth = 0;
        ReleaseClaim();
    }

    private void ReleaseClaim()
    {
        Debug.Assert(!_hand.IsHeld && _owed.IsSettled && _clock.DeferredRuns == 0, "The claim was given up with a message in hand, releases owed or runs not recorded (C4).");

        // F1: a producer that queued while we held the claim left the message to us.
        Interlocked.Exchange(ref _scheduled.Value, 0);
        if (HasQueuedMessages())
        {
            Schedule();
        }
    }

    /// <summary>
    /// After a full fence, wakes producers waiting for room that a take's unfenced look may have missed (F6, see
    /// <see cref="SlotQueue.WakeWaitersIfDrained"/>).
    /// </summary>
    private void WakeStrandedProducers()
    {
        foreach (var queue in _queues)
        {
            queue.WakeWaitersIfDrained();
        }
    }
}
