namespace Routilux.Execution;

// The message loop: take the head of a slot queue, run the handler, deliver the outbox, repeat.
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
            ResetStreaming();
            _lastBatchJob = null;
            Worker.Touch();
            _lastEndedIsNow = false;
            // Counted in a field: a batch gathered from the queue counts every message it took.
            for (_takenInTurn = 0; _takenInTurn < Tuning.MessagesPerTurn; _takenInTurn++)
            {
                if (HasBuffers && !_flushRequests.IsEmpty && !Worker.IsPaused)
                {
                    _lastEndedIsNow = false;
                    if (!ServeFlushRequest())
                    {
                        return;
                    }

                    continue;
                }

                var queue = Worker.IsPaused ? null : NextQueue();
                if (queue is null)
                {
                    if (Worker.IsPaused)
                    {
                        // Nothing new starts, but what a stopped job left here is dropped now, not at the resume.
                        DropStoppedWork();
                    }

                    // Paid before waiting for more: a job whose last message this was completes now, not after the wait.
                    EndTurn();
                    _lastEndedIsNow = false;
                    if (!Worker.IsPaused && WaitBrieflyForStream())
                    {
                        BeginTurn();
                        continue;
                    }

                    if (TryGoIdle())
                    {
                        return;
                    }

                    BeginTurn();
                    continue;
                }

                if (_takesBatches)
                {
                    LetBatchGrow(queue);
                }

                _startAtLastEnd = true;
                var continues = HandleHead(queue);
                _startAtLastEnd = false;
                if (!continues)
                {
                    // The turn already ended where the message went asynchronous (OwnPending).
                    return;
                }
            }

            // Still scheduled: give the thread back and come again, so other routines get their turn.
            EndTurn();
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
        catch (Exception ex)
        {
            RecoverFromInternalError(ex);
        }
    }

    private bool TryGoIdle()
    {
        // Not kept while idle: it would keep the job alive. Forgotten before the claim is given up, while this turn owns it.
        _lastBatchJob = null;

        // A full fence: a producer that queued after our last look saw _scheduled == 1 and left the work to us.
        // Resume clears the pause before it schedules, so a paused cell that goes idle here is woken by it.
        Interlocked.Exchange(ref _scheduled.Value, 0);
        WakeStrandedProducers();
        Worker.Touch();

        // Paused, only a stopped job's message keeps the cell busy: a job stopping now (Cancel sets its status with a
        // full fence, then schedules) either finds the cell idle or is seen here.
        var hasWork = Worker.IsPaused ? HasStoppedWork() : HasQueuedMessages();
        return !hasWork || Interlocked.CompareExchange(ref _scheduled.Value, 1, 0) != 0;
    }

    /// <summary>Takes the head of <paramref name="queue"/> and runs its handler.</summary>
    /// <returns><see langword="false"/> when the rest of the work continues asynchronously.</returns>
    private bool HandleHead(SlotQueue queue)
    {
        if (_buffers[_currentSlot] is { } buffer)
        {
            return HandleBuffered(queue, buffer);
        }

        var job = queue.TakeHead();
        Announce(job);
        if (job.IsStopped)
        {
            // The job failed or was cancelled: its remaining messages are dropped, and counted out of it.
            queue.ReleaseInHand();
            PutDownStopped(job, 1);
            return true;
        }

        _lastBatchJob = job;
        _attempt = 1;
        return Attempt(queue, job);
    }

    /// <summary>Runs the handler once for the message in hand, and the chain it passes its message on to.</summary>
    /// <returns><see langword="false"/> when the rest of the work continues asynchronously.</returns>
    private bool Attempt(SlotQueue queue, Job job) => IsDone(AttemptStep(queue, job), job);

    /// <summary>Runs the handler once for the message in hand, and again for each further message of its batch.</summary>
    /// <returns>What became of the message (see <see cref="IsDone"/>).</returns>
    private RoutineCell? AttemptStep(SlotQueue queue, Job job)
    {
    Run:
        State = RoutineState.Running;
        if (_recordHistory)
        {
            _runStartedAt = StartStamp();
            _lastEndedIsNow = false;
        }

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
            return HandleFailure(queue, job, ex) ? null : this;
        }

        if (!completed)
        {
            // Resume through a cached delegate and fields rather than an async method: no allocation per await.
            OwnPending(job);
            _awaitedHandler = running;
            _awaitedQueue = queue;
            running.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_onHandlerCompleted);
            return this;
        }

        Record(job, HandlerOutcome.Completed);
        State = RoutineState.Completed;
        if (MayContinueBatch(queue))
        {
            switch (NextOfBatch(queue, job))
            {
                case BatchStep.Next:
                    goto Run;
                case BatchStep.Parked:
                    return this;
            }
        }

        return CompleteOrPassOn(queue, job);
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

    /// <summary>Applies the routine's error policy to a failed attempt.</summary>
    /// <returns><see langword="false"/> when the rest of the work continues asynchronously (a retry after a delay).</returns>
    private bool HandleFailure(SlotQueue queue, Job job, Exception error)
    {
        // A handler that stops because its job was cancelled has not failed.
        if (error is OperationCanceledException && job.IsStopped)
        {
            Record(job, HandlerOutcome.Cancelled);
            DiscardOutbox();
            DropHand(queue);
            EndMessage(job);
            return true;
        }

        var policy = Routine.ErrorPolicy;
        if (policy.Strategy == ErrorStrategy.Retry && _attempt <= policy.MaxRetries && policy.Retries(error))
        {
            Record(job, HandlerOutcome.Retried);
            DiscardRun();
            return ScheduleRetry(queue, job, policy.DelayBefore(_attempt));
        }

        var strategy = policy.Strategy == ErrorStrategy.Retry ? (policy.Fallback ?? ErrorPolicy.Stop).Strategy : policy.Strategy;
        job.RecordError(new JobError(Routine.Id, CurrentSlotName, error, strategy, _attempt, Clock.GetUtcNow()));
        switch (strategy)
        {
            case ErrorStrategy.Continue:
                // Carry on as if the handler had returned where it threw: what it emitted so far goes downstream.
                Record(job, HandlerOutcome.ErrorContinued);
                State = RoutineState.ErrorContinued;
                return IsDone(ContinueBatchOrComplete(queue, job), job);

            case ErrorStrategy.Skip:
                // As if the message never arrived: nothing it caused goes downstream.
                // The rest of its batch, and what the batch's earlier runs emitted, go on.
                Record(job, HandlerOutcome.Skipped);
                State = RoutineState.Skipped;
                DiscardRun();
                return IsDone(ContinueBatchOrComplete(queue, job), job);

            default:
                Record(job, HandlerOutcome.Failed);
                State = RoutineState.Failed;
                DiscardOutbox();
                DropHand(queue);
                job.Fail(new RoutineFailedException(Worker.Flow.Id, Routine.Id, CurrentSlotName, job.Id, error));
                EndMessage(job);
                return true;
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

    // Inlined: it ends every hop of a fused chain.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void EndMessage(Job job)
    {
        var count = _handCount;

        // Released: in a chain passed on, the next cell announced the job before this write (Announce).
        Volatile.Write(ref _currentJob, null);
        _currentSlot = -1;
        _handCount = 1;
        _handBorrowed = false;
        if (HasBuffers)
        {
            // Only a cell with buffers ever has a batch or a join in hand.
            _handBatch = null;
            _handJoinGroup = -1;
        }

        if (count > 0)
        {
            ReleaseFinished(job, count);
        }

        if (job.IsStopped)
        {
            job.FinishIfStoppedAndIdle();
        }
    }

    /// <summary>
    /// Publishes <paramref name="job"/> as the job in hand before its status is read: the cell's half of the fence
    /// pair with <see cref="Job.FinishIfStoppedAndIdle"/>, which lets a stopped job finish while its messages still
    /// wait, yet never while one of its handlers may still start.
    /// </summary>
    private void Announce(Job job) => Volatile.Write(ref _currentJob, job);

    /// <summary>Drops <paramref name="count"/> messages of a stopped job that were announced but will not run.</summary>
    private void PutDownStopped(Job job, int count)
    {
        Volatile.Write(ref _currentJob, null);
        ReleaseFinished(job, count);
        job.FinishIfStoppedAndIdle();
    }

    /// <summary>Whether a message of <paramref name="job"/> is in hand here. Any thread.</summary>
    internal bool Holds(Job job) => ReferenceEquals(Volatile.Read(ref _currentJob), job);

    /// <summary>
    /// After a full fence, wakes producers waiting for room that a take's unfenced look may have missed (see
    /// <see cref="SlotQueue.WakeWaitersIfDrained"/>).
    /// </summary>
    private void WakeStrandedProducers()
    {
        foreach (var queue in _queues)
        {
            queue.WakeWaitersIfDrained();
        }
    }

    /// <summary>
    /// A last line of defence against a bug in the runtime itself: never let an exception escape to the thread
    /// pool (that would end the process). The job in hand fails, and the cell keeps serving its queues.
    /// </summary>
    private void RecoverFromInternalError(Exception ex)
    {
        _startAtLastEnd = false;
        _startAtEmitterEnd = false;
        EndTurn();
        if (_currentSlot >= 0)
        {
            _queues[_currentSlot].DropBatch();
        }

        var job = _currentJob;
        var count = _handCount;
        _currentJob = null;
        _lastBatchJob = null;
        _currentSlot = -1;
        _handCount = 1;
        _handBorrowed = false;
        _handBatch = null;
        _handJoinGroup = -1;
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

        Interlocked.Exchange(ref _scheduled.Value, 0);
        if (HasQueuedMessages())
        {
            Schedule();
        }
    }
}
