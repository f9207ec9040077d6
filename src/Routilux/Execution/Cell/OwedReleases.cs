using System.Diagnostics;

namespace Routilux.Execution;

/// <summary>
/// Releases of finished messages that a cell's turn owes to their jobs and pays in one go. Each message a turn
/// handles would otherwise be one interlocked decrement on its job's pending count, a cache line the producers on
/// other cores increment for every message they queue; the turn instead owes the decrements and pays them when the
/// job changes or the turn ends. Owing only delays a job's completion, never brings it forward.
/// </summary>
/// <remarks>
/// <para>Fields: <see cref="TurnThread"/> is written by the claim's holder and read by any thread (with
/// <see cref="Volatile"/>: <c>RoutineCell.IsInTurn</c>, which tests use to tell a turn from a fused run); the rest
/// belongs to the claim's holder.</para>
/// <para>Invariants (asserted): nothing is owed outside a turn once <see cref="EndTurn"/> ran, which the cell does
/// before it gives up its claim or its message goes asynchronous (contract rule C4); an owed count is positive
/// exactly when a job is owed.</para>
/// </remarks>
[DebuggerDisplay("turn thread {TurnThread}, owes {Count} to {Job}")]
internal struct OwedReleases
{
    /// <summary>The managed thread id of the turn under way, or 0 when no turn runs (a continuation, an inline run from a caller).</summary>
    public int TurnThread;

    /// <summary>The job owed releases, or <see langword="null"/>.</summary>
    public Job? Job;

    /// <summary>How many releases are owed to <see cref="Job"/>.</summary>
    public int Count;

    /// <summary>Whether a turn is under way on the claim holder's thread (only the holder asks).</summary>
    public readonly bool InTurn => TurnThread != 0;

    /// <summary>Whether nothing is owed.</summary>
    public readonly bool IsSettled => Job is null && Count == 0;

    /// <summary>Marks the start of a turn on this thread.</summary>
    public void BeginTurn() => TurnThread = Environment.CurrentManagedThreadId;

    /// <summary>Owes <paramref name="count"/> releases to <paramref name="job"/>, paying what another job was owed first.</summary>
    public void Owe(Job job, int count)
    {
        Debug.Assert(InTurn, "Releases were owed outside a turn.");
        if (!ReferenceEquals(Job, job))
        {
            Pay();
            Job = job;
        }

        Count += count;
    }

    /// <summary>
    /// Uses one release owed to <paramref name="job"/> as the count of a message the turn emits for it: the job's
    /// counter stays as it is instead of going down now and up again. Returns <see langword="false"/> when none is owed.
    /// </summary>
    public bool TryReuse(Job job)
    {
        if (Count == 0 || !ReferenceEquals(Job, job))
        {
            return false;
        }

        if (--Count == 0)
        {
            Job = null;
        }

        return true;
    }

    /// <summary>Ends the turn and pays what it owes: before the claim is given up or the message goes asynchronous.</summary>
    public void EndTurn()
    {
        TurnThread = 0;
        Pay();
        AssertInvariants();
    }

    /// <summary>Pays what is owed.</summary>
    public void Pay()
    {
        if (Job is { } job)
        {
            var count = Count;
            Job = null;
            Count = 0;
            job.ReleasePending(count);
        }
    }

    /// <summary>DEBUG builds: an owed count goes with an owed job.</summary>
    [Conditional("DEBUG")]
    public readonly void AssertInvariants() =>
        Debug.Assert((Job is null) == (Count == 0), "An owed count without its job, or a job owed nothing.");
}
