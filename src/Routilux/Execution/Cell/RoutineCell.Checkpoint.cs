using System.Buffers;
using System.Diagnostics;
using System.Text.Json;

namespace Routilux.Execution;

// Checkpoints (entry point E8 and rule C8 of the contract in RoutineCell.cs): a checkpoint's cut holds every cell,
// either by taking the claim of an idle cell or by taking over the one continuation of a message that waits (for room,
// a retry, a resume), reads the cell as its holder, and lets it go; resuming rebuilds a cell's waiting message.
public sealed partial class RoutineCell
{
    /// <summary>
    /// Takes the cell for a checkpoint's cut, while dispatch is stopped (E8). Succeeds when the cell is idle (its claim
    /// is taken) or its message waits: the wait's one continuation (C7) becomes the checkpoint's, by the same handshake
    /// that decides it otherwise (the space waiter's arm, F7's <c>_retryPending</c>, F3's <c>_parkedForPause</c>).
    /// Fails while a handler or a turn runs: the caller looks again later. The checkpoint's thread.
    /// </summary>
    internal bool TryHoldForCheckpoint()
    {
        Debug.Assert(_checkpointHold == CheckpointHold.None, "A cell held twice for a checkpoint.");
        Debug.Assert(Worker.DispatchStopped, "A cell held for a checkpoint while dispatch runs.");
        if (Interlocked.CompareExchange(ref _scheduled.Value, 1, 0) == 0)
        {
            _checkpointHold = CheckpointHold.Idle;
        }
        else if (Volatile.Read(ref _spaceHandshake) == 1 && _deliveryWaiter.TryDisarm())
        {
            // The wait is set up (AwaitSpace wrote the handshake last) and nobody woke it: its continuation is ours.
            _checkpointHold = CheckpointHold.SpaceWait;
        }
        else if (_retryArmed && Interlocked.Exchange(ref _retryPending, 0) == 1)
        {
            _checkpointHold = CheckpointHold.RetryWait;
        }
        else if (Volatile.Read(ref _parkedForPause) == 1 && Interlocked.Exchange(ref _parkedForPause, 0) == 1)
        {
            _checkpointHold = CheckpointHold.ParkedBatch;
        }
        else
        {
            return false;
        }

        AssertClaimed();
        return true;
    }

    /// <summary>
    /// Whether a handler of this cell waits for room in an async emit: it cannot end while dispatch is stopped (the full
    /// queue's consumer does not run), so a checkpoint lets dispatch go on and tries again. Any thread, a hint.
    /// </summary>
    internal bool IsBlockedInAsyncEmit => _emitWaiter.IsArmed;

    /// <summary>Lets a cell held for a checkpoint go on: the claim given up, or the wait taken over handed back. The checkpoint's thread.</summary>
    internal void ReleaseFromCheckpoint()
    {
        var hold = _checkpointHold;
        Debug.Assert(hold != CheckpointHold.None, "A cell released from a checkpoint that did not hold it.");
        _checkpointHold = CheckpointHold.None;
        switch (hold)
        {
            case CheckpointHold.Idle:
                // As any holder gives the claim up (F1): a message queued meanwhile was left to us.
                ReleaseClaim();
                break;

            case CheckpointHold.SpaceWait:
                // Woken as the queue would wake it; OnSpaceSignalled finds the wait set up and resumes the delivery.
                _deliveryWaiter.Arm();
                _deliveryWaiter.Signal();
                break;

            case CheckpointHold.RetryWait:
                ReleaseRetry();
                break;

            case CheckpointHold.ParkedBatch:
                ReleaseParkedBatch();
                break;
        }
    }

    /// <summary>Hands a retry taken by a checkpoint back to its timer (F7): due now, or re-armed for what is left of its delay.</summary>
    private void ReleaseRetry()
    {
        var job = _hand.Job!;
        var left = Clock.GetElapsedTime(Clock.GetTimestamp(), _retryDueAt);
        Volatile.Write(ref _retryPending, 1);
        if (left <= TimeSpan.Zero)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_retryDue, preferLocal: false);
            return;
        }

        _retryTimer!.Change(left, Timeout.InfiniteTimeSpan);

        // The job's cancellation may have fired while the checkpoint held the retry, and found nothing to do.
        Interlocked.MemoryBarrier();
        if (job.IsStopped)
        {
            OnRetryDue();
        }
    }

    /// <summary>Parks a batch taken by a checkpoint again, exactly as ParkBatch does (F3), or lets it go on.</summary>
    private void ReleaseParkedBatch()
    {
        var job = _hand.Job!;
        Volatile.Write(ref _parkedForPause, 1);
        Interlocked.MemoryBarrier();
        if ((!Worker.DispatchStopped || job.IsStopped) && Interlocked.Exchange(ref _parkedForPause, 0) == 1)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_continueParkedBatch, preferLocal: false);
        }
    }

    /// <summary>DEBUG builds: rule C8, no holder's code runs while a checkpoint holds the cell.</summary>
    [Conditional("DEBUG")]
    private void AssertNotHeldByCheckpoint() =>
        Debug.Assert(_checkpointHold == CheckpointHold.None, $"{this}: the cell ran while a checkpoint held it (C8).");

    /// <summary>
    /// The cut of this cell, which the checkpoint holds: its state (serialized now, since handlers change it once
    /// dispatch resumes), its received counts, queued and buffered messages, and the message it had in hand, for the
    /// running <paramref name="jobs"/> only. The checkpoint's thread.
    /// </summary>
    internal RoutineCapture Capture(IReadOnlySet<Job> jobs)
    {
        AssertClaimed();
        Debug.Assert(_checkpointHold != CheckpointHold.None, "A cell captured without being held.");
        var handJob = _checkpointHold is CheckpointHold.Idle || _hand.Job is not { } held || !jobs.Contains(held) ? null : held;
        var retryJob = _checkpointHold == CheckpointHold.RetryWait ? handJob : null;
        var slots = new SlotCapture[_queues.Length];
        for (var i = 0; i < _queues.Length; i++)
        {
            var queue = _queues[i];
            var buffer = _buffers[i];
            CapturedPayloads? buffered = null;
            Dictionary<Job, TimeSpan>? waited = null;
            TimeSpan? sinceLastRun = null;
            if (buffer is not null)
            {
                buffered = queue.NewCapture();
                var arrivals = new Dictionary<Job, long>();

                // A batch or a join waiting for a retry goes back in front of its job's buffered messages (its attempt restarts).
                var inHandHere = retryJob is not null && (ReferenceEquals(_hand.Batch, buffer) || (_hand.JoinGroup >= 0 && queue.Slot.JoinGroup == _hand.JoinGroup));
                buffer.Capture(buffered, arrivals, jobs, inHandHere ? retryJob : null);
                waited = arrivals.ToDictionary(a => a.Key, a => Clock.GetElapsedTime(a.Value));
                if (buffer is BatchSlotBuffer { LastRun: var lastRun } && lastRun != long.MinValue)
                {
                    sinceLastRun = Clock.GetElapsedTime(lastRun);
                }
            }

            slots[i] = new SlotCapture
            {
                Name = queue.Slot.Name,
                Received = queue.Received,
                Queued = queue.CaptureQueued(jobs),
                Buffered = buffered,
                Waited = waited,
                SinceLastRun = sinceLastRun,
            };
        }

        return new RoutineCapture
        {
            Id = RoutineId,
            Type = Routine.Descriptor.Name,
            StateVersion = Routine.Descriptor.StateVersion,
            State = CaptureState(),
            Slots = slots,
            Hand = handJob is null ? null : CaptureHand(handJob),
        };
    }

    private byte[]? CaptureState()
    {
        if (Routine.Descriptor.StateSerializer is not { } serializer)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            serializer.Write(writer, _routine);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The message in hand of a held cell: a retry still to run, the rest of its batch, and its undelivered outbox.</summary>
    private HandCapture? CaptureHand(Job job)
    {
        var queue = _queues[_hand.Slot];
        CapturedPayloads? retry = null;
        TimeSpan? retryIn = null;
        if (_checkpointHold == CheckpointHold.RetryWait && _hand.Batch is null && _hand.JoinGroup < 0)
        {
            retry = queue.NewCapture();
            queue.CaptureInHand(retry, job, queue.Received);
            var left = Clock.GetElapsedTime(Clock.GetTimestamp(), _retryDueAt);
            retryIn = left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }

        CapturedPayloads? rest = null;
        if (queue.HasBatchLeft)
        {
            rest = queue.NewCapture();
            queue.CaptureBatchRest(rest, job, queue.Received + 1);
        }

        var outbox = new List<OutboxCapture>();
        foreach (var outlet in _outlets)
        {
            if (outlet.HasUndelivered)
            {
                outbox.Add(new OutboxCapture(outlet.Event.Name, outlet.CaptureOutbox(job, out var deliveredTo), deliveredTo));
            }
        }

        if (retry is null && rest is null && outbox.Count == 0)
        {
            // A batch or join retry went back to its buffer, and nothing else waits in hand.
            return null;
        }

        return new HandCapture
        {
            Job = job,
            Slot = queue.Slot.Name,
            // ScheduleRetry already counted the attempt that runs next.
            Attempt = retry is null ? 1 : _hand.Attempt,
            RetryIn = retryIn,
            Retry = retry,
            BatchRest = rest,
            Outbox = outbox,
        };
    }

    /// <summary>
    /// The stable id of the message in hand: worker, routine, slot, and the message's sequence among those its slot
    /// received (a batch's or a join's first message's). Built only when a handler asks.
    /// </summary>
    internal string MessageIdOfHand()
    {
        _ = CurrentJob;
        long sequence;
        if (_hand.Batch is { } batch)
        {
            sequence = batch.InHandFirstSequence;
        }
        else if (_hand.JoinGroup >= 0 && _buffers[_hand.JoinGroup] is JoinSlotBuffer join)
        {
            sequence = join.InHandSequence;
        }
        else
        {
            sequence = _queues[_hand.Slot].Received;
        }

        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Worker.Id}/{RoutineId}/{CurrentSlotName}/{sequence}");
    }

    // ---- Resuming -------------------------------------------------------------------------------------------------

    /// <summary>Resuming: the restorer takes the cell's claim before putting anything back (E8); dispatch has not started.</summary>
    internal void ClaimForRestore()
    {
        var idle = Interlocked.CompareExchange(ref _scheduled.Value, 1, 0) == 0;
        Debug.Assert(idle, "A cell being restored was already claimed.");
        _checkpointHold = CheckpointHold.Idle;
    }

    /// <summary>Resuming: sets the received count of slot <paramref name="slot"/>. The restorer holds the cell.</summary>
    internal void RestoreReceived(int slot, long received) => _queues[slot].Received = received;

    /// <summary>Resuming: puts a waiting message back in hand; <see cref="ReleaseRestored"/> then goes on with it.</summary>
    internal void RestoreHand(Job job, int slot, int attempt, TimeSpan? retryIn)
    {
        AssertClaimed();
        _hand.Take(job, slot);
        _hand.Attempt = attempt;
        _restoredRetry = retryIn;
        _outboxDirty = true;
    }

    /// <summary>Resuming: an activation buffer's restored timers (a partial batch's wait, an interval's period).</summary>
    internal void RestoreBufferTimers(int slot, Job job, TimeSpan waited, TimeSpan? sinceLastRun)
    {
        AssertClaimed();
        if (_buffers[slot] is not BatchSlotBuffer batch)
        {
            return;
        }

        var policy = batch.Policy;
        if (sinceLastRun is { } since)
        {
            batch.LastRun = Clock.GetTimestamp() - (long)(since.TotalSeconds * Clock.TimestampFrequency);
        }

        if (policy.Kind == ActivationKind.Batch && policy.MaxWait is { } maxWait)
        {
            batch.ArmTimer(job, maxWait > waited ? maxWait - waited : TimeSpan.Zero);
        }
        else if (policy.Kind == ActivationKind.Interval)
        {
            var left = sinceLastRun is { } s && s < policy.Period ? policy.Period - s : TimeSpan.Zero;
            batch.ArmTimer(job, left);
        }
    }

    internal SlotBuffer? Buffer(int slot) => _buffers[slot];

    internal EventOutlet Outlet(int index) => _outlets[index];

    /// <summary>Resuming, once everything is back: a cell with a message in hand goes on with it (E8), any other gives its claim up.</summary>
    internal void ReleaseRestored()
    {
        _checkpointHold = CheckpointHold.None;
        if (_hand.IsHeld)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_continueRestored, preferLocal: false);
        }
        else
        {
            _outboxDirty = false;
            ReleaseClaim();
        }
    }

    /// <summary>
    /// E8 from a fresh work item: a restored message in hand goes on where it stopped at the cut. A retry runs again
    /// after what was left of its delay; a batch's rest runs; the outbox goes out (waiting for room as ever).
    /// </summary>
    private void ContinueRestored()
    {
        try
        {
            AssertClaimed();
            AssertNotHeldByCheckpoint();
            var job = _hand.Job!;
            var queue = _queues[_hand.Slot];
            if (_restoredRetry is { } delay)
            {
                _restoredRetry = null;

                // ScheduleRetry counts the attempt that runs next.
                _hand.Attempt--;
                _hand.Count = 1;
                if (ScheduleRetry(queue, job, delay))
                {
                    RunTurn();
                }

                return;
            }

            if (IsDone(ContinueBatchOrComplete(queue, job), job))
            {
                RunTurn();
            }
        }
        catch (Exception ex)
        {
            RecoverFromInternalError(ex);
        }
    }
}
