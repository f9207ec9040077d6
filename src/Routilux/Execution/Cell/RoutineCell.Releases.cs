namespace Routilux.Execution;

// Counting finished messages out of their job: at once, or owed to the turn (see OwedReleases).
public sealed partial class RoutineCell
{
    /// <summary>Counts <paramref name="count"/> finished messages out of <paramref name="job"/>, now or at the end of the turn.</summary>
    private void ReleaseFinished(Job job, int count)
    {
        if (OwesReleasesHere)
        {
            _owed.Owe(job, count);
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
    /// A cell with buffers pays at once: its flush requests look at the job's count from the same turn.
    /// </remarks>
    private bool OwesReleasesHere => _owed.InTurn && !HasBuffers;

    /// <summary>Marks the start of a turn on this thread.</summary>
    private void BeginTurn()
    {
        AssertClaimed();
        _owed.BeginTurn();
    }

    /// <summary>Pays what the turn owes and ends it; before the claim is given up or the message goes asynchronous (rule C4).</summary>
    private void EndTurn() => _owed.EndTurn();
}
