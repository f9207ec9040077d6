namespace Routilux.Execution;

// A job that stops (cancelled, failed, or its runtime disposed) while the worker is paused: no handler runs while
// paused, but the job's messages are dropped at once rather than at the resume, so that the job completes and
// whoever waits for it (Job.Completion, Runtime.DisposeAsync) is not held up by the pause.
//
// A queue is first in, first out: a stopped job's messages queued behind another job's still wait for the resume.
public sealed partial class RoutineCell
{
    /// <summary>
    /// <paramref name="job"/> stopped while the worker is paused: a batch of it parked for the pause goes on (and is
    /// dropped there), and a cell with a stopped job's message at the head of a queue runs a turn to drop it (the
    /// job's buffered messages have asked for that turn already, see <see cref="OnJobStopped"/>).
    /// </summary>
    private void DropWhilePaused(Job job)
    {
        if (ReferenceEquals(Volatile.Read(ref _hand.Job), job))
        {
            ResumeParkedBatch();
        }

        if (HasStoppedWork())
        {
            Schedule();
        }
    }

    /// <summary>
    /// Whether a queue's head message, or a buffer waiting to be looked at again, belongs to a stopped job. Any
    /// thread, as <see cref="SlotQueue.HeadJobIsStopped"/>.
    /// </summary>
    private bool HasStoppedWork()
    {
        foreach (var queue in _queues)
        {
            if (queue.HeadJobIsStopped())
            {
                return true;
            }
        }

        if (HasBuffers)
        {
            foreach (var (_, job) in _flushRequests)
            {
                if (job.IsStopped)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Drops what stopped jobs left here, counting it out of them: the head messages of every queue while they are
    /// a stopped job's, and what a stopped job buffered. Other jobs' requests to look at their buffers again wait
    /// for the resume. In a turn, while paused.
    /// </summary>
    private void DropStoppedWork()
    {
        foreach (var queue in _queues)
        {
            while (queue.TakeHeadIfStopped() is { } job)
            {
                queue.ReleaseInHand();
                ReleaseFinished(job, 1);
            }
        }

        if (HasBuffers)
        {
            for (var pending = _flushRequests.Count; pending > 0 && _flushRequests.TryDequeue(out var request); pending--)
            {
                if (request.Job.IsStopped)
                {
                    DropBuffered(request.Job);
                }
                else
                {
                    _flushRequests.Enqueue(request);
                }
            }
        }
    }
}
