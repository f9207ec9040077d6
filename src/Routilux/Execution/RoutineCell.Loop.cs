using System.Runtime.CompilerServices;

namespace Routilux.Execution;

/// <summary>The message loop: take the head of a slot queue, run the handler, deliver the outbox, repeat.</summary>
public sealed partial class RoutineCell
{
    void IThreadPoolWorkItem.Execute() => RunTurn();

    /// <summary>
    /// Handles up to <see cref="MessagesPerTurn"/> messages on the current thread. Returns early when a handler or a
    /// delivery has to wait; the awaiting continuation calls this again, so exactly one turn runs at a time.
    /// </summary>
    private void RunTurn()
    {
        try
        {
            for (var handled = 0; handled < MessagesPerTurn; handled++)
            {
                var queue = NextQueue();
                if (queue is null)
                {
                    if (TryGoIdle())
                    {
                        return;
                    }

                    continue;
                }

                if (!HandleHead(queue))
                {
                    return;
                }
            }

            // Still scheduled: give the thread back and come again, so other routines get their turn.
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
        catch (Exception ex)
        {
            RecoverFromInternalError(ex);
        }
    }

    private bool TryGoIdle()
    {
        // A full fence: a producer that queued after our last look saw _scheduled == 1 and left the work to us.
        Interlocked.Exchange(ref _scheduled, 0);
        return !HasQueuedMessages() || Interlocked.CompareExchange(ref _scheduled, 1, 0) != 0;
    }

    /// <summary>Runs the handler for the head of <paramref name="queue"/>.</summary>
    /// <returns><see langword="false"/> when the rest of the work continues asynchronously.</returns>
    private bool HandleHead(SlotQueue queue)
    {
        var job = queue.HeadJob;
        if (job.IsStopped)
        {
            // The job failed or was cancelled: its remaining messages are dropped, and counted out of it.
            queue.RemoveHead();
            job.ReleasePending();
            return true;
        }

        _currentJob = job;
        ValueTask running;
        bool completed;
        try
        {
#pragma warning disable CA2012 // Stored to check IsCompleted once, then consumed exactly once: here or in OnHandlerCompleted.
            running = _routine.Invoke(_currentSlot, this);

            // Read IsCompleted once: after GetResult a pooled ValueTask must not be touched again.
            completed = running.IsCompleted;
            if (completed)
            {
                running.GetAwaiter().GetResult();
            }
#pragma warning restore CA2012
        }
        catch (Exception ex)
        {
            CompleteFailed(queue, job, ex);
            return true;
        }

        if (!completed)
        {
            // Resume through a cached delegate and fields rather than an async method: no allocation per await.
            _awaitedHandler = running;
            _awaitedQueue = queue;
            running.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_onHandlerCompleted);
            return false;
        }

        return CompleteSucceeded(queue, job);
    }

    private void OnHandlerCompleted()
    {
        var running = _awaitedHandler;
        var queue = _awaitedQueue!;
        var job = _currentJob!;
        _awaitedHandler = default;
        _awaitedQueue = null;
        try
        {
            try
            {
                running.GetAwaiter().GetResult();
            }
            catch (Exception ex)
            {
                CompleteFailed(queue, job, ex);
                RunTurn();
                return;
            }

            if (CompleteSucceeded(queue, job))
            {
                RunTurn();
            }
        }
        catch (Exception ex)
        {
            RecoverFromInternalError(ex);
        }
    }

    /// <returns><see langword="false"/> when delivering the outbox has to wait for queue capacity.</returns>
    private bool CompleteSucceeded(SlotQueue queue, Job job)
    {
        queue.RemoveHead();
        if (_outboxDirty)
        {
            var blocked = TryDeliverOutbox(job);
            if (blocked is not null)
            {
                AwaitSpace(blocked);
                return false;
            }
        }

        EndMessage(job);
        return true;
    }

    private void CompleteFailed(SlotQueue queue, Job job, Exception error)
    {
        DiscardOutbox();
        queue.RemoveHead();

        // A handler that stops because its job was cancelled has not failed.
        if (error is not OperationCanceledException || !job.CancellationToken.IsCancellationRequested)
        {
            job.Fail(new RoutineFailedException(Worker.Flow.Id, Routine.Id, CurrentSlotName, job.Id, error));
        }

        EndMessage(job);
    }

    private void EndMessage(Job job)
    {
        _currentJob = null;
        _currentSlot = -1;
        job.ReleasePending();
    }

    /// <summary>Parks the message until <paramref name="blocked"/> has room; resumed by <see cref="OnSpaceSignalled"/>.</summary>
    private void AwaitSpace(SlotQueue blocked)
    {
        _blockedQueue = blocked;
#pragma warning disable CA2012 // Kept in a field and consumed exactly once, by OnSpaceSignalled, to avoid an async state machine.
        _awaitedSpace = _waiter.WaitAsync(_currentJob!.CancellationToken);
#pragma warning restore CA2012
        _awaitedSpace.GetAwaiter().UnsafeOnCompleted(_onSpaceSignalled);
    }

    private void OnSpaceSignalled()
    {
        try
        {
            var job = _currentJob!;
            var spaceFreed = _awaitedSpace.GetAwaiter().GetResult();
            _awaitedSpace = default;
            var blocked = _blockedQueue!;
            _blockedQueue = null;
            if (spaceFreed)
            {
                var next = TryDeliverOutbox(job);
                if (next is not null)
                {
                    AwaitSpace(next);
                    return;
                }
            }
            else
            {
                // The job stopped while we waited: what is left of its outbox will never be needed.
                blocked.Unregister(_waiter);
                DiscardOutbox();
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
        var blocked = TryDeliverOutbox(job);
        return blocked is null ? default : WaitAndDeliverAsync(blocked, job);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WaitAndDeliverAsync(SlotQueue blocked, Job job)
    {
        while (true)
        {
            var spaceFreed = await _waiter.WaitAsync(job.CancellationToken).ConfigureAwait(false);
            if (!spaceFreed)
            {
                // The job stopped while we waited: what is left of its outbox will never be needed.
                blocked.Unregister(_waiter);
                DiscardOutbox();
                job.CancellationToken.ThrowIfCancellationRequested();
                return;
            }

            var next = TryDeliverOutbox(job);
            if (next is null)
            {
                return;
            }

            blocked = next;
        }
    }

    /// <returns><see langword="null"/> when all was delivered, otherwise the full queue the waiter is registered on.</returns>
    private SlotQueue? TryDeliverOutbox(Job job)
    {
        foreach (var outlet in _outlets)
        {
            if (outlet.HasPending)
            {
                var blocked = outlet.TryDeliver(job, _waiter);
                if (blocked is not null)
                {
                    return blocked;
                }
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

    /// <summary>
    /// A last line of defence against a bug in the runtime itself: never let an exception escape to the thread
    /// pool (that would end the process). The job in hand fails, and the cell keeps serving its queues.
    /// </summary>
    private void RecoverFromInternalError(Exception ex)
    {
        var job = _currentJob;
        _currentJob = null;
        _currentSlot = -1;
        DiscardOutbox();
        job?.Fail(new InvalidOperationException($"Routilux internal error in routine '{Routine.Id}' of flow '{Worker.Flow.Id}'. Please report it.", ex));
        Interlocked.Exchange(ref _scheduled, 0);
        if (HasQueuedMessages())
        {
            Schedule();
        }
    }
}
