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

    /// <summary>
    /// Counts a message the message in hand emits into <paramref name="job"/>, before it becomes visible downstream:
    /// from the hand's spare, else from a release this turn owes the job, else from the job's counter, in growing
    /// chunks (see <see cref="Tuning.MaxCountsTakenAhead"/>). Every producer of a job shares that counter, so a source
    /// emitting a message per step no longer writes it once per message. The hand keeps the job open meanwhile, so
    /// counting ahead delays nothing but the moment the job's counter shows the spare back.
    /// </summary>
    internal void CountEmit(Job job)
    {
        System.Diagnostics.Debug.Assert(ReferenceEquals(_hand.Job, job), $"Routine '{Routine.Id}' emitted for job {job.Id}, which is not the job of its message in hand.");
        if (_hand.Spare > 0)
        {
            _hand.Spare--;
            return;
        }

        if (OwesReleasesHere && _owed.TryReuse(job))
        {
            return;
        }

        var take = _hand.NextTake;
        job.AddPending(take);
        _hand.Spare = take - 1;
        _hand.NextTake = Math.Min(2 * take, Tuning.MaxCountsTakenAhead);
    }

    /// <summary>Takes back the count of an emitted message that was not queued after all: it goes back to the spare.</summary>
    internal void UncountEmit() => _hand.Spare++;

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

    /// <summary>
    /// Records the runs waiting for a reading, pays what the turn owes and ends it; before the claim is given up or the
    /// message goes asynchronous (rule C4).
    /// </summary>
    private void EndTurn()
    {
        // Before the releases: a job may complete once they are paid, and its runs are in the history by then.
        RecordDeferred();
        _owed.EndTurn();
    }
}
