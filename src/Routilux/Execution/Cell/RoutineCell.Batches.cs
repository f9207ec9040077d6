namespace Routilux.Execution;

// Batches: a claimed cell runs several messages of one job back to back and keeps what they emit in its outbox,
// then passes the whole outbox on to its idle target, which runs them back to back in turn. A stream then costs one
// claim, one release and one pass-on per batch and routine instead of per message, and each handler runs in a tight
// loop. A batch starts where a routine takes queued messages in its turn (the head of a stream's segment, a
// routine that fell behind) and travels down the chain as long as each routine passes its outbox on whole.
//
// Order holds: a routine still handles one message at a time in queue order, and each connection delivers in emit
// order; only the interleaving between routines differs from one message at a time, as it may through queues. A
// batch is one job's messages, so one count in the job holds all of them open. A run that fails keeps the batch:
// a retry or a skip loses only that run's own messages (the outbox is marked before each run when the error
// policy needs it), a stop fails the job and its batch is dropped with it.
public sealed partial class RoutineCell
{
    /// <summary>
    /// Claims this idle cell for the <paramref name="count"/> messages at <paramref name="items"/>[<paramref name="start"/>]
    /// on that <paramref name="emitter"/> passes on, all of <paramref name="job"/>: the first goes in hand, the rest
    /// wait behind it, and the emitter's share of the job's count covers them all (see <see cref="TakeCountFrom"/>).
    /// </summary>
    /// <returns><see langword="false"/> when the cell is not free to take them now; the emitter then delivers as usual.</returns>
    internal bool TryTakePassedBatch<T>(SlotQueue<T> queue, T[] items, int start, int count, Job job, RoutineCell emitter)
    {
        // The first message is taken as a single one passed on; the rest wait behind it.
        if (!TryTakePassedOn(queue, items[start], job, emitter))
        {
            return false;
        }

        queue.HoldBatch(items, start + 1, count - 1);
        return true;
    }

    /// <summary>
    /// Whether <see cref="NextOfBatch"/> may find more: a batch is in hand, or the message came from the queue.
    /// A plain check on every run: a message run inline with no batch (a fused chain's usual hop) goes straight on.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private bool MayContinueBatch(SlotQueue queue) => _inlineDepth == 0 || queue.HasBatchLeft;

    /// <summary>What <see cref="NextOfBatch"/> did.</summary>
    private enum BatchStep
    {
        /// <summary>The batch is over: the outbox goes out now.</summary>
        Over,

        /// <summary>The next message of the batch is in hand: run it.</summary>
        Next,

        /// <summary>The worker is paused: the rest of the batch waits in hand for <see cref="Worker.Resume"/>.</summary>
        Parked,
    }

    /// <summary>
    /// After a run of the message in hand ended well (or its failure was dealt with), puts the next message of its
    /// batch in hand: the rest of a batch passed on, or, for a message taken from the queue in a turn, the next
    /// queued message when it belongs to the same job. The outbox is kept, to go out once for the whole batch.
    /// </summary>
    private BatchStep NextOfBatch(SlotQueue queue, Job job)
    {
        if (queue.HasBatchLeft)
        {
            if (job.IsStopped)
            {
                // The rest would be dropped anyway; the count in hand covers it.
                queue.DropBatch();
                return BatchStep.Over;
            }

            if (Worker.DispatchStopped)
            {
                // No new message starts while paused, not even one already in hand.
                ParkBatch(queue, job);
                return BatchStep.Parked;
            }

            queue.NextOfBatch();
        }
        else if (!TryGatherQueued(queue, job))
        {
            return BatchStep.Over;
        }

        _hand.Attempt = 1;
        if (_recordHistory)
        {
            // The next run starts where this one ended: only bookkeeping runs between them.
            _clock.StartAtEndOf(in _clock);
        }

        if (_marksRuns)
        {
            MarkOutbox();
        }

        return BatchStep.Next;
    }

    /// <summary>
    /// In a turn, takes the next queued message into the batch when it belongs to <paramref name="job"/> and the
    /// batch has room; its count in the job joins the one in hand.
    /// </summary>
    private bool TryGatherQueued(SlotQueue queue, Job job)
    {
        // Only a turn's own message (run inline, the hand may ride on the emitter's count), not under DropOldest (a
        // producer may evict the head between the look and the take), and only while the worker takes new messages.
        // What was queued when the batch started is enough: looking at the tail again for each message that arrived
        // since would pull the producer's cache line away from it again and again (see LetBatchGrow).
        if (!_takesBatches || _inlineDepth != 0 || _hand.Count >= Tuning.MaxGathered || _hand.Borrowed || queue.Policy == QueueFullPolicy.DropOldest
            || !queue.HasQueuedAsSeen || !queue.HeadBelongsTo(job) || job.IsStopped || Worker.DispatchStopped)
        {
            return false;
        }

        queue.TakeHead();
        _hand.Count++;
        _takenInTurn++;
        return true;
    }

    /// <summary>
    /// Before a turn takes a batch from <paramref name="queue"/>: when the head continues the stream of the turn's last
    /// batch but few of its messages are queued, waits a moment for more before taking them, so that the next batch
    /// is a full one.
    /// </summary>
    /// <remarks>
    /// A consumer that keeps up with its producer would otherwise settle into taking a few messages at a time, each
    /// batch paying the per-batch costs for little, and each look at the tail pulling the cache line the producer
    /// writes for every message over to the consumer's core, which slows the producer down and keeps the batches
    /// small. (A two-thread ring on the benchmark machine: 100 to 340 ns a message with a consumer that looks as soon
    /// as it has caught up, 45 to 50 with one that waits a few microseconds; the benchmark chain ran 1.5 to 2.5 times
    /// slower per hop in the processes whose batches had shrunk to a few messages.) Only for a routine at the head
    /// of a stream's segment (inside a segment, going idle at once is what lets the upstream fuse it again), and
    /// only for the same job as the last batch: a queue of many jobs' messages, one or two each, is not a stream
    /// and takes them as they come.
    /// </remarks>
    private void LetBatchGrow(SlotQueue queue)
    {
        var streamed = _lastBatchJob;
        if (streamed is null || IsInsideSegment || queue.QueuedAsSeen >= Tuning.FullBatch || !queue.HeadBelongsTo(streamed))
        {
            return;
        }

        // The pause is no handler's time: runs waiting for a reading get theirs first, and the next run reads its start.
        RecordDeferred();
        Thread.SpinWait(Tuning.PauseForBatchSpins);
        _clock.Forget();
        queue.LookAtTail();
    }

    /// <summary>Forgets the message in hand and the rest of its batch: its job stopped.</summary>
    private void DropHand(SlotQueue queue)
    {
        queue.DropBatch();
        ReleaseHand(queue);
    }

    private void MarkOutbox()
    {
        foreach (var outlet in _outlets)
        {
            outlet.Mark();
        }
    }

    /// <summary>Forgets what the failed run emitted, keeping what earlier runs of its batch emitted.</summary>
    private void DiscardRun()
    {
        if (_outboxDirty)
        {
            foreach (var outlet in _outlets)
            {
                outlet.DiscardSinceMark();
            }
        }
    }

    /// <summary>The rest of a batch as a run that ended well (or whose failure was dealt with) moves on: the next message, or the outbox.</summary>
    /// <returns>What became of the message (see <see cref="IsDone"/>).</returns>
    private RoutineCell? ContinueBatchOrComplete(SlotQueue queue, Job job) => NextOfBatch(queue, job) switch
    {
        BatchStep.Next => AttemptStep(queue, job),
        BatchStep.Parked => this,
        _ => CompleteOrPassOn(queue, job),
    };

    /// <summary>
    /// Keeps the rest of a batch in hand while the worker is paused: the cell stays claimed (nothing may overtake
    /// the batch), the message holds its job open with a count of its own, and <see cref="ResumeParkedBatch"/> goes
    /// on with it.
    /// </summary>
    private void ParkBatch(SlotQueue queue, Job job)
    {
        OwnPending(job);
        _parkedQueue = queue;
        Volatile.Write(ref _parkedForPause, 1);

        // Pairs with the fence in Worker.Resume: either the resume sees this cell parked, or this sees the pause over.
        // Likewise with a job stopping (its status set with a full fence before the cells are told): either it sees
        // this batch parked, or this sees the job stopped, and the batch goes on to be dropped.
        Interlocked.MemoryBarrier();
        if ((!Worker.DispatchStopped || job.IsStopped) && Interlocked.Exchange(ref _parkedForPause, 0) == 1)
        {
            // Resumed or stopped meanwhile, unseen: go on from a fresh work item rather than deeper in this stack.
            ThreadPool.UnsafeQueueUserWorkItem(_continueParkedBatch, preferLocal: true);
        }
    }

    /// <summary>The worker resumed: goes on with a batch parked for the pause, if any.</summary>
    internal void ResumeParkedBatch()
    {
        if (Volatile.Read(ref _parkedForPause) == 1 && Interlocked.Exchange(ref _parkedForPause, 0) == 1)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_continueParkedBatch, preferLocal: false);
        }
    }

    private void ContinueParkedBatch()
    {
        try
        {
            // E7, rule C7: the one continuation of the wait; the field it takes up is set, and cleared below.
            AssertClaimed();
            AssertNotHeldByCheckpoint();
            System.Diagnostics.Debug.Assert(_parkedQueue is not null && _hand.IsHeld, "E7: a wait resumed twice, or with no message in hand.");
            var queue = _parkedQueue!;
            var job = _hand.Job!;
            _parkedQueue = null;
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
