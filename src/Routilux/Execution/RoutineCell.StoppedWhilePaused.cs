namespace Routilux.Execution;

/// <summary>
/// A job that stops (cancelled, failed, or its runtime disposed) while the worker is paused: no handler runs while
/// paused, but the job's messages are dropped at once rather than at the resume, so that the job completes and
/// whoever waits for it (<see cref="Job.Completion"/>, <see cref="Runtime.DisposeAsync"/>) is not held up by the pause.
/// </summary>
/// <remarks>
/// A queue is first in, first out: a stopped job's messages queued behind another job's still wait for the resume.
/// </remarks>
public sealed partial class RoutineCell
{
    /// <summary>
    /// <paramref name="job"/> stopped while the worker is paused: a batch of it parked for the pause goes on (and is
    /// dropped there), and a cell with a stopped job's message at the head of a queue runs a turn to drop it.
    /// </summary>
    private void DropWhilePaused(Job job)
    {
        if (ReferenceEquals(Volatile.Read(ref _currentJob), job))
        {
            ResumeParkedBatch();
        }

        if (HasStoppedHeads())
        {
            Schedule();
        }
    }

    /// <summary>Whether a queue's head message belongs to a stopped job. Any thread, as <see cref="SlotQueue.HeadJobIsStopped"/>.</summary>
    private bool HasStoppedHeads()
    {
        foreach (var queue in _queues)
        {
            if (queue.HeadJobIsStopped())
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Drops the head messages of stopped jobs from every queue, counting them out of their jobs. In a turn.</summary>
    private void DropStoppedHeads()
    {
        foreach (var queue in _queues)
        {
            while (queue.HeadJobIsStopped())
            {
                var job = queue.TakeHead();
                queue.ReleaseInHand();
                ReleaseFinished(job, 1);
            }
        }
    }
}
