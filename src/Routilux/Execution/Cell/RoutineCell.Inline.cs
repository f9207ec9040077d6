using System.Diagnostics;

namespace Routilux.Execution;

// Fused dispatch: when a routine emits to a slot whose routine is idle and has nothing queued, the downstream
// handler runs at once on the emitting thread instead of going through the queue and the thread pool. A linear
// chain then costs little more than nested calls. Ordering and "one message at a time" still hold: the downstream
// cell is claimed exactly as the thread pool would claim it, and only an empty queue is bypassed.
public sealed partial class RoutineCell
{
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
            // RunAsync's job stopped as the cell took it up (fence pair F2): nothing runs, and the caller queues the
            // message instead, where the stopped job takes it along.
            queue.ReleaseInHand();
            _hand.Reset();
            ReleaseInlineClaim();
            job.FinishIfStoppedAndIdle();
            return false;
        }

        _hand.Count = 0;
        _hand.Borrowed = true;
        try
        {
            var completed = Attempt(queue, job);
            if (_recordHistory && emitter is not null)
            {
                emitter._clock.TakeLatestReadingFrom(in _clock, completed);
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

    /// <summary>Puts a message run on this thread in hand, for a claimed cell.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void TakeInHand<T>(SlotQueue<T> queue, T payload, Job job, int depth, RoutineCell? emitter)
    {
        _inlineDepth = depth;
        _stream.IsStreaming = emitter is not null && emitter._stream.IsStreaming;
        if (_recordHistory && emitter is not null)
        {
            _clock.StartAtEndOf(in emitter._clock);
        }

        // The payload only: the job travels in _hand.Job, and one reference write less per hop is measurable.
        queue.SetInHandPayload(payload);
        AssertClaimed();
        _hand.Take(job, queue.SlotIndex);
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
        if (_hand.Borrowed)
        {
            _hand.Borrowed = false;
            job.AddPending();
            _hand.Count = 1;
        }

        // C4 and C5: nothing owed, and the message holds the job open by itself while it waits.
        Debug.Assert(_owed.IsSettled && !_owed.InTurn && _clock.DeferredRuns == 0 && _hand.Count >= 1 && !_hand.Borrowed, "A message went asynchronous owing releases or runs, or without a count of its own.");
    }
}
