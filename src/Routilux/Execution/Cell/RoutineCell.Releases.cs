namespace Routilux.Execution;

// Counting finished messages out of their job in batches. Each message a turn handles would otherwise be one
// interlocked decrement on its job's count, a cache line the producers on other cores increment for every message
// they queue; the turn instead owes the decrements and pays them in one go when the job changes or the turn ends.
// Owing only delays a job's completion (never brings it forward), and everything owed is paid before the cell
// gives up its claim or continues asynchronously.
public sealed partial class RoutineCell
{
    // The thread running a turn of this cell (0: none). Only that turn's own call path owes releases: a continuation
    // on another thread releases at once.
    private int _turnThread;
    private Job? _owedJob;
    private int _owedCount;

    /// <summary>Counts <paramref name="count"/> finished messages out of <paramref name="job"/>, now or at the end of the turn.</summary>
    private void ReleaseFinished(Job job, int count)
    {
        if (OwesReleasesHere)
        {
            if (!ReferenceEquals(_owedJob, job))
            {
                PayOwed();
                _owedJob = job;
            }

            _owedCount += count;
        }
        else
        {
            job.ReleasePending(count);
        }
    }

    /// <summary>Whether a finished message's release is owed to the turn running on this thread rather than paid at once.</summary>
    /// <remarks>
    /// Only the claim's holder calls this, and a turn is ended (EndTurn) before the claim is given up or the message
    /// goes asynchronous, so a turn under way is this thread's own: no need to read the thread's id on every message.
    /// </remarks>
    private bool OwesReleasesHere => _turnThread != 0 && !HasBuffers;

    /// <summary>Marks the start of a turn on this thread.</summary>
    private void BeginTurn() => _turnThread = Environment.CurrentManagedThreadId;

    /// <summary>Pays what the turn owes and ends it; before the claim is given up or the message goes asynchronous.</summary>
    private void EndTurn()
    {
        _turnThread = 0;
        PayOwed();
    }

    private void PayOwed()
    {
        if (_owedJob is { } job)
        {
            var count = _owedCount;
            _owedJob = null;
            _owedCount = 0;
            job.ReleasePending(count);
        }
    }
}
