using System.Diagnostics;

namespace Routilux.Execution;

// Ending the message in hand (MessageInHand): the one place its count goes back to the job, and the publication of
// its job that the stop protocol relies on (rule C6, fence pair F2).
public sealed partial class RoutineCell
{
    /// <summary>Ends the message in hand: empties the hand and counts the message out of its job (now or owed to the turn).</summary>
    // Inlined: it ends every hop of a fused chain.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void EndMessage(Job job)
    {
        Debug.Assert(ReferenceEquals(_hand.Job, job), "EndMessage for a job that is not in hand.");
        // Runs may wait for a reading past their message's end only in a turn, whose end records them before it pays the
        // releases that could complete their job.
        Debug.Assert(_clock.DeferredRuns == 0 || OwesReleasesHere, "A message ended outside a turn with runs not recorded.");

        // Released by the reset: in a chain passed on, the next cell announced the job before this write (C6).
        var count = _hand.Reset();
        if (count > 0)
        {
            ReleaseFinished(job, count);
        }

        if (job.IsStopped)
        {
            job.FinishIfStoppedAndIdle();
        }
    }

    /// <summary>Drops the message in hand, taken from a queue for a job that has stopped: it will not run.</summary>
    private void PutDownStopped(Job job)
    {
        ReleaseFinished(job, _hand.Reset());
        job.FinishIfStoppedAndIdle();
    }

    /// <summary>Whether a message of <paramref name="job"/> is in hand here. Any thread.</summary>
    internal bool Holds(Job job) => ReferenceEquals(Volatile.Read(ref _hand.Job), job);
}
