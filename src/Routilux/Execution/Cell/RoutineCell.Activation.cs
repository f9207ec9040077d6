namespace Routilux.Execution;

// Activations other than Immediate: messages move from the slot queue into a per-job buffer, and the handler runs
// when the buffer's policy says so. Timers and job-state changes ask for a second look through flush requests,
// which the loop serves like messages, so buffers are only ever touched by the cell's own turn.
public sealed partial class RoutineCell
{
    /// <summary>Whether any slot of this routine buffers messages (a non-immediate activation).</summary>
    internal bool HasBuffers { get; }

    /// <summary>Asks the cell to look at <paramref name="job"/>'s buffers again (all of them when <paramref name="slot"/> is -1).</summary>
    internal void RequestFlush(int slot, Job job)
    {
        _flushRequests.Enqueue((slot, job));
        Schedule();
    }

    /// <summary>
    /// <paramref name="job"/> failed or was cancelled: what it buffered will never run; counts it out so the job can
    /// finish. In a turn.
    /// </summary>
    private void DropBuffered(Job job)
    {
        foreach (var buffer in _buffers)
        {
            if (buffer is not null && buffer.DropAll(job) is var dropped and > 0)
            {
                RoomFreed(buffer.Slot);
                job.Unpark(dropped, inJoin: buffer is JoinSlotBuffer);
                job.ReleasePending(dropped);
            }
        }
    }

    /// <summary>Buffers the head of <paramref name="queue"/>, then runs the handler if the policy says so.</summary>
    /// <returns><see langword="false"/> when the rest of the work continues asynchronously.</returns>
    private bool HandleBuffered(SlotQueue queue, SlotBuffer buffer)
    {
        var job = queue.TakeHead();
        if (job.IsStopped)
        {
            queue.ReleaseInHand();
            job.ReleasePending();
            return true;
        }

        buffer.TakeInHand(job);
        job.Park(1, inJoin: buffer is JoinSlotBuffer);
        return Activate(buffer, job);
    }

    /// <summary>Runs the handler for <paramref name="job"/>'s buffered messages on <paramref name="buffer"/> if its policy says so now.</summary>
    private bool Activate(SlotBuffer buffer, Job job)
    {
        var policy = buffer.Policy;
        switch (policy.Kind)
        {
            case ActivationKind.Batch:
            {
                var batch = (BatchSlotBuffer)buffer;
                var count = batch.CountFor(job);
                if (count >= policy.BatchSize)
                {
                    return Dispatch(batch, job, policy.BatchSize);
                }

                if (count == 1 && policy.MaxWait is { } maxWait)
                {
                    batch.ArmTimer(job, maxWait);
                }

                return true;
            }

            case ActivationKind.Custom:
            {
                var batch = (BatchSlotBuffer)buffer;
                var state = new ActivationState(batch.CountFor(job), Clock.GetElapsedTime(batch.FirstArrival(job)), batch.Queue.Snapshot());
                return !policy.Predicate!(_routine, state) || Dispatch(batch, job, int.MaxValue);
            }

            case ActivationKind.Interval:
            {
                var batch = (BatchSlotBuffer)buffer;
                var since = batch.LastRun == long.MinValue ? TimeSpan.MaxValue : Clock.GetElapsedTime(batch.LastRun);
                if (since >= policy.Period)
                {
                    return Dispatch(batch, job, int.MaxValue);
                }

                batch.ArmTimer(job, policy.Period - since);
                return true;
            }

            default:
                return !JoinReady(buffer.Queue.Slot.JoinGroup, job) || DispatchJoin(buffer.Queue.Slot.JoinGroup, job);
        }
    }

    /// <summary>Serves one flush request: a timer came due, or a job ran out of other work or stopped.</summary>
    /// <returns><see langword="false"/> when the rest of the work continues asynchronously.</returns>
    private bool ServeFlushRequest()
    {
        if (!_flushRequests.TryDequeue(out var request))
        {
            return true;
        }

        var (slot, job) = request;
        if (job.IsStopped)
        {
            DropBuffered(job);
            return true;
        }

        if (slot >= 0)
        {
            // A timer: a partial batch's wait is over, or an interval's period has passed. Or the buffer is full for
            // the job (see OnHeadBlocked): it runs with what it holds, since no more of the job's messages fit.
            if (_buffers[slot] is not BatchSlotBuffer batch || batch.CountFor(job) == 0)
            {
                return true;
            }

            var isFull = !batch.HasRoomFor(job) && batch.Policy.Kind != ActivationKind.Interval;
            return batch.Policy.Kind == ActivationKind.Batch ? Dispatch(batch, job, batch.Policy.BatchSize)
                : isFull ? Dispatch(batch, job, int.MaxValue)
                : Activate(batch, job);
        }

        if (!job.IsQuiescent)
        {
            return true;
        }

        // The job has nothing but buffered messages left: deliver partial batches, drop unpaired join messages.
        foreach (var buffer in _buffers)
        {
            if (buffer is null || buffer.CountFor(job) == 0)
            {
                continue;
            }

            switch (buffer.Policy.Kind)
            {
                case ActivationKind.Batch or ActivationKind.Custom:
                    // Serve the rest of the job's buffers on a later pass, after this handler.
                    _flushRequests.Enqueue((-1, job));
                    return Dispatch((BatchSlotBuffer)buffer, job, int.MaxValue);

                case ActivationKind.AllSlotsReady:
                    // A partner may still come out of a batch or custom buffer being flushed now (here or in another
                    // routine): its flush makes the job busy, and the next quiescence asks again.
                    if (!job.IsParkedOnlyInJoins)
                    {
                        break;
                    }

                    var dropped = buffer.DropAll(job);
                    for (var i = 0; i < dropped; i++)
                    {
                        job.RecordDrop(RoutineId, buffer.Queue.Slot.Name);
                    }

                    job.Trace(RoutineId, $"Join slot '{buffer.Queue.Slot.Name}' dropped {dropped} unpaired message(s) when the job ran out of other work.");
                    job.Unpark(dropped, inJoin: true);
                    job.ReleasePending(dropped);
                    break;
            }
        }

        return true;
    }

    private bool Dispatch(BatchSlotBuffer batch, Job job, int max)
    {
        var count = batch.MoveToHand(job, max);
        job.Unpark(count, inJoin: false);
        RoomFreed(batch.Slot);
        if (batch.Policy.Kind == ActivationKind.Interval)
        {
            batch.LastRun = Clock.GetTimestamp();
        }

        _hand.Count = count;
        _hand.Batch = batch;
        AssertClaimed();
        _hand.Take(job, batch.Slot);
        return job.IsStopped ? DropAnnouncedHand(batch.Queue, job) : Attempt(batch.Queue, job);
    }

    private bool JoinReady(int group, Job job)
    {
        foreach (var buffer in _buffers)
        {
            if (buffer is not null && buffer.Queue.Slot.JoinGroup == group && buffer.CountFor(job) == 0)
            {
                return false;
            }
        }

        return true;
    }

    private bool DispatchJoin(int group, Job job)
    {
        var count = 0;
        foreach (var buffer in _buffers)
        {
            if (buffer is JoinSlotBuffer join && join.Queue.Slot.JoinGroup == group)
            {
                join.MoveOneToHand(job);
                count++;
            }
        }

        job.Unpark(count, inJoin: true);
        _hand.Count = count;
        _hand.JoinGroup = group;
        AssertClaimed();
        _hand.Take(job, group);
        return job.IsStopped ? DropAnnouncedHand(_queues[group], job) : Attempt(_queues[group], job);
    }

    /// <summary>The job of a batch or join just put in hand stopped: its messages are dropped instead of run.</summary>
    private bool DropAnnouncedHand(SlotQueue queue, Job job)
    {
        ReleaseHand(queue);
        EndMessage(job);
        return true;
    }

    /// <summary>Forgets what is in hand: the message, the batch, or one message per join slot.</summary>
    private void ReleaseHand(SlotQueue queue)
    {
        queue.ReleaseInHand();
        if (!HasBuffers)
        {
            // Nothing else is ever in hand: batches and joins need buffers.
            return;
        }

        _hand.Batch?.ReleaseHand();
        if (_hand.JoinGroup >= 0)
        {
            foreach (var buffer in _buffers)
            {
                if (buffer is not null && buffer.Queue.Slot.JoinGroup == _hand.JoinGroup)
                {
                    buffer.Queue.ReleaseInHand();
                }
            }
        }
    }
}
