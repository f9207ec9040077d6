namespace Routilux.Execution;

// Delivering the outbox to connected queues, waiting (without a thread) while one is full.
public sealed partial class RoutineCell
{
    /// <summary>
    /// Parks the message in hand until <paramref name="blocked"/> has room; <see cref="OnSpaceSignalled"/> resumes it.
    /// The waiter is already registered with the queue.
    /// </summary>
    private void AwaitSpace(SlotQueue blocked)
    {
        var job = _hand.Job!;
        OwnPending(job);
        _blockedQueue = blocked;
        if (Interlocked.CompareExchange(ref _spaceHandshake, 1, 0) == 2)
        {
            // Woken before the wait was set up: resume on a fresh work item, not deeper in this stack.
            _spaceHandshake = 0;
            ThreadPool.UnsafeQueueUserWorkItem(_resumeAfterSpace, preferLocal: true);
            return;
        }

        CancelIfStopped(_deliveryWaiter, job);
    }

    private void OnSpaceSignalled()
    {
        if (Interlocked.CompareExchange(ref _spaceHandshake, 2, 0) == 0)
        {
            // AwaitSpace is still setting the wait up on another thread; it resumes the message when done.
            return;
        }

        _spaceHandshake = 0;
        ResumeAfterSpace();
    }

    private void ResumeAfterSpace()
    {
        try
        {
            var job = _hand.Job!;
            // E5, rule C7: the one continuation of the wait; the field it takes up is set, and cleared below.
            AssertClaimed();
            AssertNotHeldByCheckpoint();
            System.Diagnostics.Debug.Assert(_blockedQueue is not null && _hand.IsHeld, "E5: a wait resumed twice, or with no message in hand.");
            var blocked = _blockedQueue!;
            _blockedQueue = null;
            if (!_deliveryWaiter.SpaceFreed && StoppedWhileWaiting(blocked, _deliveryWaiter, job))
            {
                // What is left of the stopped job's outbox will never be needed.
                DiscardOutbox();
            }
            else
            {
                ForgetLatestReading();
                var next = TryDeliverOutbox(job, _deliveryWaiter);
                if (next is not null)
                {
                    AwaitSpace(next);
                    return;
                }
            }

            EndMessage(job);
            RunTurn();
        }
        catch (Exception ex)
        {
            RecoverFromInternalError(ex);
        }
    }

    /// <summary>Delivers the outbox now; used by async emits so a long-running handler feels backpressure.</summary>
    private ValueTask DeliverOutboxAsync(Job job)
    {
        // The handler is still running: its own code has run since any reading this cell holds.
        ForgetLatestReading();
        var blocked = TryDeliverOutbox(job, _emitWaiter);
        return blocked is null ? default : WaitAndDeliverAsync(blocked, job);
    }

    // Pooled: a handler that emits faster than its consumers waits here often, and must not allocate for it.
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WaitAndDeliverAsync(SlotQueue blocked, Job job)
    {
        while (true)
        {
            CancelIfStopped(_emitWaiter, job);
            if (!await _emitWaiter.AsValueTask().ConfigureAwait(false) && StoppedWhileWaiting(blocked, _emitWaiter, job))
            {
                // What is left of the stopped job's outbox will never be needed.
                DiscardOutbox();
                job.CancellationToken.ThrowIfCancellationRequested();
                return;
            }

            ForgetLatestReading();
            var next = TryDeliverOutbox(job, _emitWaiter);
            if (next is null)
            {
                return;
            }

            blocked = next;
        }
    }

    /// <summary>
    /// After a wait for room ended by cancellation, whether it was this message's job that stopped. A job's stop
    /// cancels the waits of the cells whose message in hand belongs to it, but the cell may have moved on to a message
    /// of another job between that look and the cancellation; such a wait is simply taken up again.
    /// </summary>
    private static bool StoppedWhileWaiting(SlotQueue blocked, SpaceWaiter waiter, Job job)
    {
        // Still registered with the queue, as a woken waiter never is: take it off, then deliver again or give up.
        blocked.Unregister(waiter);
        return job.IsStopped;
    }

    /// <summary>
    /// Ends a wait at once when its job has already stopped. Pairs with <see cref="OnJobStopped"/>: the job is
    /// marked stopped before cells are told, and the waiter is registered before this check, so one side always acts.
    /// </summary>
    private static void CancelIfStopped(SpaceWaiter waiter, Job job)
    {
        Interlocked.MemoryBarrier();
        if (job.IsStopped)
        {
            waiter.Cancel();
        }
    }

    /// <summary>A job stopped: end any wait for room on its behalf, and drop what this cell buffered for it.</summary>
    internal void OnJobStopped(Job job)
    {
        if (ReferenceEquals(Volatile.Read(ref _hand.Job), job))
        {
            _deliveryWaiter.Cancel();
            _emitWaiter.Cancel();
        }

        if (HasBuffers)
        {
            RequestFlush(-1, job);
        }

        if (Worker.DispatchStopped)
        {
            DropWhilePaused(job);
        }
    }

    /// <returns><see langword="null"/> when all was delivered, otherwise the full queue <paramref name="waiter"/> is registered on.</returns>
    private SlotQueue? TryDeliverOutbox(Job job, SpaceWaiter waiter)
    {
        CountDelivery();
        return DeliverOutlets(job, waiter);
    }

    /// <summary><see cref="TryDeliverOutbox"/> once the delivery is counted.</summary>
    private SlotQueue? DeliverOutlets(Job job, SpaceWaiter waiter)
    {
        foreach (var outlet in _outlets)
        {
            // TryDeliver returns at once when its outbox is empty: one virtual call per outlet, not two.
            var blocked = outlet.TryDeliver(job, waiter);
            if (blocked is not null)
            {
                return blocked;
            }
        }

        _outboxDirty = false;
        return null;
    }

    private void DiscardOutbox()
    {
        if (_outboxDirty)
        {
            foreach (var outlet in _outlets)
            {
                outlet.Discard();
            }

            _outboxDirty = false;
        }
    }
}
