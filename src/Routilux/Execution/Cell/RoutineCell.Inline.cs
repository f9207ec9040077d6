namespace Routilux.Execution;

// Fused dispatch: when a routine emits to a slot whose routine is idle and has nothing queued, the downstream
// handler runs at once on the emitting thread instead of going through the queue and the thread pool. A linear
// chain then costs little more than nested calls. Ordering and "one message at a time" still hold: the downstream
// cell is claimed exactly as the thread pool would claim it, and only an empty queue is bypassed.
public sealed partial class RoutineCell
{
    // How deep in a fused chain the message in hand runs (0: from the thread pool). Kept on the cell rather than in
    // a thread-static: a thread-static costs a TLS lookup on every hop.
    private int _inlineDepth;

    // The message in hand was run inline and rides on its emitter's count in the job until it needs one of its own.
    private bool _handBorrowed;

    /// <summary>
    /// Runs <paramref name="payload"/> on <paramref name="queue"/>'s handler now, on this thread, if the cell is idle,
    /// nothing is queued ahead and the slot is an immediate one. The caller holds <paramref name="job"/> open until
    /// this returns.
    /// </summary>
    /// <returns><see langword="true"/> when the message was taken (it ran, or it continues asynchronously).</returns>
    internal bool TryRunInline<T>(SlotQueue<T> queue, T payload, Job job, RoutineCell emitter) =>
        TryRunInline(queue, payload, job, emitter._inlineDepth + 1, emitter);

    /// <summary>
    /// Runs a job's first message on the calling thread for <see cref="Worker.RunAsync{T}(SlotPort{T}, T, CancellationToken)"/>,
    /// exactly as an emitter would run it inline. The caller holds <paramref name="job"/> open (its input is not
    /// complete yet) until this returns.
    /// </summary>
    /// <returns><see langword="false"/> when the message must go through the queue instead.</returns>
    internal bool TryRunFromCaller<T>(SlotQueue<T> queue, T payload, Job job)
    {
        // A handler run here would resume its awaits on the caller's synchronization context or task scheduler
        // (a UI thread, a test framework's context) instead of the thread pool: such callers go through the queue.
        if (SynchronizationContext.Current is not null || !ReferenceEquals(TaskScheduler.Current, TaskScheduler.Default) || job.IsStopped)
        {
            return false;
        }

        return TryRunInline(queue, payload, job, depth: 1, emitter: null);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private bool TryRunInline<T>(SlotQueue<T> queue, T payload, Job job, int depth, RoutineCell? emitter)
    {
        if (!TryClaimIdle(queue, depth))
        {
            return false;
        }

        TakeInHand(queue, payload, job, depth, emitter);
        if (emitter is null && job.IsStopped)
        {
            // RunAsync's job stopped as the cell took it up (see Announce): nothing runs, and the caller queues the
            // message instead, where the stopped job takes it along.
            queue.ReleaseInHand();
            _currentSlot = -1;
            Volatile.Write(ref _currentJob, null);
            ReleaseInlineClaim();
            job.FinishIfStoppedAndIdle();
            return false;
        }

        _handCount = 0;
        _handBorrowed = true;
        try
        {
            var completed = Attempt(queue, job);
            if (_recordHistory && emitter is not null)
            {
                emitter.TakeLatestReadingFrom(this, completed);
            }

            if (completed)
            {
                ReleaseInlineClaim();
            }

            // Otherwise the message went asynchronous (an awaiting handler, a retry delay, a full queue downstream)
            // after OwnPending gave it a count of its own; its continuation runs the cell on and releases it.
            return true;
        }
        catch (Exception ex)
        {
            // Only a runtime bug gets here (handler exceptions are handled by Attempt). Never leave the cell claimed.
            _inlineDepth = 0;
            RecoverFromInternalError(ex);
            return true;
        }
    }

    /// <summary>
    /// Claims the cell for a message run on this thread: it is idle, nothing is queued ahead on
    /// <paramref name="queue"/>, the slot is an immediate one and the worker is not paused.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private bool TryClaimIdle(SlotQueue queue, int depth)
    {
        // A plain read of the claim first: a busy cell's flag is then only read, and stays shared between cores.
        if (Volatile.Read(ref _scheduled.Value) != 0 || queue.Count != 0 || depth > Tuning.MaxInlineDepth || (HasBuffers && _buffers[queue.SlotIndex] is not null)
            || Worker.IsPaused || Interlocked.CompareExchange(ref _scheduled.Value, 1, 0) != 0)
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

    /// <summary>Puts a message run on this thread in hand, for a claimed cell.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void TakeInHand<T>(SlotQueue<T> queue, T payload, Job job, int depth, RoutineCell? emitter)
    {
        _inlineDepth = depth;
        _streaming = emitter is not null && emitter._streaming;
        if (_recordHistory && emitter is not null)
        {
            StartAtEndOf(emitter);
        }

        // The payload only: the job travels in _currentJob, and one reference write less per hop is measurable.
        queue.SetInHandPayload(payload);
        _currentSlot = queue.SlotIndex;
        Announce(job);
        _attempt = 1;
    }

    /// <summary>
    /// Gives an inline message its own count in the job before anything asynchronous starts, so the job cannot
    /// complete when the emitter that was holding it open moves on.
    /// </summary>
    private void OwnPending(Job job)
    {
        // Whoever continues the message may run on another thread at once: nothing may stay owed past here, and the
        // continuation is no longer part of the fused chain that ran it (nor may a late write here undo its depth).
        EndTurn();
        _inlineDepth = 0;

        // The same fence as going idle, for the producers of this cell's queues while the message waits.
        Interlocked.MemoryBarrier();
        WakeStrandedProducers();
        if (_handBorrowed)
        {
            _handBorrowed = false;
            job.AddPending();
            _handCount = 1;
        }
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
        // The same fence as going idle: a producer that queued while we held the claim left the message to us.
        Interlocked.Exchange(ref _scheduled.Value, 0);
        if (HasQueuedMessages())
        {
            Schedule();
        }
    }
}
