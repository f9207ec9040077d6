namespace Routilux.Execution;

// The message loop (entry point E1 of the contract in RoutineCell.cs): take the head of a slot queue, run the
// handler, deliver the outbox or pass the message on, repeat; go idle when nothing is left.
public sealed partial class RoutineCell
{
    void IThreadPoolWorkItem.Execute() => RunTurn();

    /// <summary>
    /// Handles up to <see cref="Tuning.MessagesPerTurn"/> messages on the current thread. Returns early when a handler, a
    /// retry or a delivery has to wait; whatever resumes it calls this again, so exactly one turn runs at a time.
    /// </summary>
    private void RunTurn()
    {
        try
        {
            BeginTurn();
            AssertInvariants();
            AssertNotHeldByCheckpoint();
            _stream.Restart();
            _lastBatchJob = null;
            Worker.Touch();
            _clock.Forget();

            // Counted in a field: a batch gathered from the queue counts every message it took.
            for (_takenInTurn = 0; _takenInTurn < Tuning.MessagesPerTurn; _takenInTurn++)
            {
                if (HasBuffers && !_flushRequests.IsEmpty && !Worker.DispatchStopped)
                {
                    _clock.Forget();
                    if (!ServeFlushRequest())
                    {
                        return;
                    }

                    continue;
                }

                var slot = Worker.DispatchStopped ? -1 : NextSlot();
                if (slot < 0)
                {
                    if (Worker.DispatchStopped)
                    {
                        // Nothing new starts, but what a stopped job left here is dropped now, not at the resume.
                        DropStoppedWork();
                    }

                    // Paid before waiting for more: a job whose last message this was completes now, not after the wait.
                    EndTurn();
                    _clock.Forget();
                    var wait = Worker.DispatchStopped ? StreamWait.GoIdle : WaitForStream();
                    if (wait == StreamWait.LookAgainLater)
                    {
                        // Still claimed: the thread goes back to the pool, and the cell looks again after what waits there.
                        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
                        return;
                    }

                    if (wait == StreamWait.GoIdle && TryGoIdle())
                    {
                        return;
                    }

                    BeginTurn();
                    continue;
                }

                var queue = _queues[slot];
                if (_takesBatches)
                {
                    LetBatchGrow(queue);
                }

                _clock.StartAtLastEnd = true;
                var continues = HandleHead(queue, slot);
                _clock.StartAtLastEnd = false;
                if (!continues)
                {
                    // The turn already ended where the message went asynchronous (OwnPending).
                    return;
                }
            }

            // Still claimed: give the thread back and come again, so other routines get their turn.
            EndTurn();
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
        catch (Exception ex)
        {
            RecoverFromInternalError(ex);
        }
    }

    /// <summary>The next slot with a takeable message, round robin so one busy slot cannot starve the others; -1 for none.</summary>
    private int NextSlot()
    {
        var count = _queues.Length;
        for (var i = 0; i < count; i++)
        {
            var index = _nextSlot + i;
            if (index >= count)
            {
                index -= count;
            }

            if (_queues[index].HasQueued && IsTakeable(index))
            {
                _nextSlot = index + 1 == count ? 0 : index + 1;
                return index;
            }
        }

        return -1;
    }

    /// <summary>Takes the head of slot <paramref name="slot"/>'s <paramref name="queue"/> and runs its handler.</summary>
    /// <returns><see langword="false"/> when the rest of the work continues asynchronously.</returns>
    private bool HandleHead(SlotQueue queue, int slot)
    {
        if (_buffers[slot] is { } buffer)
        {
            return HandleBuffered(queue, buffer);
        }

        var job = queue.TakeHead();
        _hand.Take(job, slot);
        if (job.IsStopped)
        {
            // The job failed or was cancelled: its remaining messages are dropped, and counted out of it.
            queue.ReleaseInHand();
            PutDownStopped(job);
            return true;
        }

        _lastBatchJob = job;
        return Attempt(queue, job);
    }

    /// <summary>Runs the handler once for the message in hand, and the chain it passes its message on to.</summary>
    /// <returns><see langword="false"/> when the rest of the work continues asynchronously.</returns>
    private bool Attempt(SlotQueue queue, Job job) => IsDone(AttemptStep(queue, job), job);

    /// <summary>Runs the handler once for the message in hand, and again for each further message of its batch.</summary>
    /// <returns>What became of the message (see <see cref="IsDone"/>).</returns>
    private RoutineCell? AttemptStep(SlotQueue queue, Job job)
    {
        while (true)
        {
            _hand.AssertInvariants();
            State = RoutineState.Running;
            if (_countsRuns)
            {
                Worker.CountRun();
            }

            if (_recordHistory)
            {
                RecordDeferredUnlessContinued(job);
                _clock.StartRun(Clock);
            }

            if (_hooks is not null)
            {
                HookRunStarting(job);
            }

            ValueTask running;
            bool completed;
            try
            {
#pragma warning disable CA2012 // Stored to check IsCompleted once, then consumed exactly once: here or in OnHandlerCompleted.
                running = _routine.Invoke(_hand.Slot, this);

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
                return HandleFailure(queue, job, ex) ? null : this;
            }

            if (!completed)
            {
                // Resume through a cached delegate and fields rather than an async method: no allocation per await.
                RecordDeferredBeforeWait();
                OwnPending(job);
                _awaitedHandler = running;
                _awaitedQueue = queue;
                running.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_onHandlerCompleted);
                return this;
            }

            State = RoutineState.Completed;
            if (!MayContinueBatch(queue))
            {
                Record(job, HandlerOutcome.Completed);
                return CompleteOrPassOn(queue, job);
            }

            // One reading for the whole batch, at its end; in a turn, none at its end either when it delivers nothing:
            // the next message of the same slot and job then shares the same reading (RoutineCell.Timing.cs).
            RecordLater(job);
            var step = NextOfBatch(queue, job);
            if (step == BatchStep.Next)
            {
                continue;
            }

            if (step == BatchStep.Parked || _outboxDirty || !OwesReleasesHere)
            {
                RecordDeferred();
            }

            return step == BatchStep.Parked ? this : CompleteOrPassOn(queue, job);
        }
    }

    /// <summary>Entry point E4: an awaiting handler finished; the cell, still claimed, goes on with its message.</summary>
    private void OnHandlerCompleted()
    {
        // E4, rule C7: the one continuation of the wait; the field it takes up is set, and cleared below.
        AssertClaimed();
        AssertNotHeldByCheckpoint();
        System.Diagnostics.Debug.Assert(_awaitedQueue is not null && _hand.IsHeld, "E4: a wait resumed twice, or with no message in hand.");
        var running = _awaitedHandler;
        var queue = _awaitedQueue!;
        var job = _hand.Job!;
        _awaitedHandler = default;
        _awaitedQueue = null;
        try
        {
            Exception? failure = null;
            try
            {
                running.GetAwaiter().GetResult();
            }
            catch (Exception ex)
            {
                failure = ex;
            }

            bool continueHere;
            if (failure is null)
            {
                Record(job, HandlerOutcome.Completed);
                State = RoutineState.Completed;
                continueHere = IsDone(ContinueBatchOrComplete(queue, job), job);
            }
            else
            {
                continueHere = HandleFailure(queue, job, failure);
            }

            if (continueHere)
            {
                RunTurn();
            }
        }
        catch (Exception ex)
        {
            RecoverFromInternalError(ex);
        }
    }

    /// <summary>Ends a successful run: delivers the outbox, or passes its one message on, and ends the message.</summary>
    /// <returns>What became of the message (see <see cref="IsDone"/>).</returns>
    private RoutineCell? CompleteOrPassOn(SlotQueue queue, Job job)
    {
        ReleaseHand(queue);
        if (_outboxDirty)
        {
            CountDelivery();
            if (_onlyOutlet?.TryPassOn(job) is { } next)
            {
                _outboxDirty = false;
                EndMessage(job);
                return next;
            }

            var blocked = DeliverOutlets(job, _deliveryWaiter);
            if (blocked is not null)
            {
                AwaitSpace(blocked);
                return this;
            }
        }

        EndMessage(job);
        return null;
    }
}
