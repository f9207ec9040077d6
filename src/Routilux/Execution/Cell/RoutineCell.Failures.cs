using Routilux.Observability;

namespace Routilux.Execution;

// When a handler fails: the routine's error policy (retry after a delay on the runtime's clock, skip, continue, stop),
// and the last line of defence against a fault in the runtime itself.
public sealed partial class RoutineCell
{
    /// <summary>Applies the routine's error policy to a failed attempt.</summary>
    /// <returns><see langword="false"/> when the rest of the work continues asynchronously (a retry after a delay).</returns>
    private bool HandleFailure(SlotQueue queue, Job job, Exception error)
    {
        // A handler that stops because its job was cancelled has not failed.
        if (error is OperationCanceledException && job.IsStopped)
        {
            Record(job, HandlerOutcome.Cancelled, error);
            DiscardOutbox();
            DropHand(queue);
            EndMessage(job);
            return true;
        }

        var policy = Routine.ErrorPolicy;
        if (policy.Strategy == ErrorStrategy.Retry && _hand.Attempt <= policy.MaxRetries && policy.Retries(error))
        {
            Record(job, HandlerOutcome.Retried, error);
            DiscardRun();
            var delay = policy.DelayBefore(_hand.Attempt);
            RoutiluxLog.RetryScheduled(Worker.Runtime.Loggers.Worker, error, Routine.Id, CurrentSlotName, job.Id, _hand.Attempt, delay.TotalMilliseconds);
            return ScheduleRetry(queue, job, delay);
        }

        var strategy = policy.Strategy == ErrorStrategy.Retry ? (policy.Fallback ?? ErrorPolicy.Stop).Strategy : policy.Strategy;
        job.RecordError(new JobError(Routine.Id, CurrentSlotName, error, strategy, _hand.Attempt, Clock.GetUtcNow()));
        RoutiluxLog.HandlerFailed(Worker.Runtime.Loggers.Worker, error, Routine.Id, CurrentSlotName, job.Id, _hand.Attempt, strategy);
        switch (strategy)
        {
            case ErrorStrategy.Continue:
                // Carry on as if the handler had returned where it threw: what it emitted so far goes downstream.
                Record(job, HandlerOutcome.ErrorContinued, error);
                State = RoutineState.ErrorContinued;
                return IsDone(ContinueBatchOrComplete(queue, job), job);

            case ErrorStrategy.Skip:
                // As if the message never arrived: nothing it caused goes downstream.
                // The rest of its batch, and what the batch's earlier runs emitted, go on.
                Record(job, HandlerOutcome.Skipped, error);
                State = RoutineState.Skipped;
                DiscardRun();
                return IsDone(ContinueBatchOrComplete(queue, job), job);

            default:
                Record(job, HandlerOutcome.Failed, error);
                State = RoutineState.Failed;
                DiscardOutbox();
                DropHand(queue);
                job.Fail(new RoutineFailedException(Worker.Flow.Id, Routine.Id, CurrentSlotName, job.Id, error));
                EndMessage(job);
                return true;
        }
    }

    /// <returns><see langword="true"/> when the retry already ran to completion on this thread.</returns>
    private bool ScheduleRetry(SlotQueue queue, Job job, TimeSpan delay)
    {
        _hand.Attempt++;
        if (delay <= TimeSpan.Zero)
        {
            return Attempt(queue, job);
        }

        OwnPending(job);
        _retryQueue = queue;
        _retryDueAt = Clock.GetTimestamp() + (long)(delay.TotalSeconds * Clock.TimestampFrequency);
        Volatile.Write(ref _retryPending, 1);
        _retryTimer ??= Clock.CreateTimer(static s => ((RoutineCell)s!).OnRetryDue(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _retryTimer.Change(delay, Timeout.InfiniteTimeSpan);

        // A job stopped during the delay should not wait it out: fire at once, and the message is dropped.
        _retryCancellation = job.CancellationToken.UnsafeRegister(static s => ((RoutineCell)s!).OnRetryDue(), this);
        _retryArmed = true;
        return false;
    }

    private void OnRetryDue()
    {
        // The timer and the cancellation can both fire; the first one runs the retry.
        if (Interlocked.Exchange(ref _retryPending, 0) == 0)
        {
            return;
        }

        _retryArmed = false;

        try
        {
            _retryCancellation.Dispose();
            _retryCancellation = default;

            // E6, rule C7: the one continuation of the wait; the field it takes up is set, and cleared below.
            AssertClaimed();
            AssertNotHeldByCheckpoint();
            System.Diagnostics.Debug.Assert(_retryQueue is not null && _hand.IsHeld, "E6: a wait resumed twice, or with no message in hand.");
            var queue = _retryQueue!;
            _retryQueue = null;
            var job = _hand.Job!;
            if (job.IsStopped)
            {
                DiscardOutbox();
                DropHand(queue);
                EndMessage(job);
                RunTurn();
                return;
            }

            if (Attempt(queue, job))
            {
                RunTurn();
            }
        }
        catch (Exception ex)
        {
            RecoverFromInternalError(ex);
        }
    }

    /// <summary>
    /// A last line of defence against a bug in the runtime itself: never let an exception escape to the thread
    /// pool (that would end the process). The job in hand fails, and the cell keeps serving its queues.
    /// </summary>
    private void RecoverFromInternalError(Exception ex)
    {
        _clock.Reset();
        _inlineDepth = 0;
        EndTurn();
        if (_hand.Slot >= 0)
        {
            _queues[_hand.Slot].DropBatch();
        }

        var job = _hand.Job;
        var count = _hand.Reset();
        _lastBatchJob = null;
        _stream.Stop();
        DiscardOutbox();
        if (job is not null)
        {
            job.Fail(new InvalidOperationException($"Routilux internal error in routine '{Routine.Id}' of flow '{Worker.Flow.Id}'. Please report it.", ex));

            // Count the message in hand out of its job, so the failed job can still finish.
            if (count > 0)
            {
                job.ReleasePending(count);
            }

            job.FinishIfStoppedAndIdle();
        }

        // F1, as in TryGoIdle.
        Interlocked.Exchange(ref _scheduled.Value, 0);
        if (HasQueuedMessages())
        {
            Schedule();
        }
    }
}
