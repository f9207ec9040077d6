using System.Diagnostics;

namespace Routilux;

// A job brought back from a checkpoint by Runtime.ResumeWorkerAsync: how it is made again, and its parked counts.
public sealed partial class Job
{
    /// <summary>
    /// A job brought back by <see cref="Runtime.ResumeWorkerAsync"/>: its id, start and timeout as saved, its input
    /// open or not, and one count held by the restorer until dispatch starts (<see cref="ReleasePending(int)"/> then).
    /// The restorer adds one count per restored message with <see cref="AddPending(int)"/> and parks the buffered ones.
    /// </summary>
    internal Job(Worker worker, string id, DateTimeOffset startedAt, TimeSpan? timeout, bool inputOpen, IReadOnlyDictionary<string, object?> data)
    {
        Worker = worker;
        Id = id;
        StartedAt = startedAt;
        Timeout = timeout;
        foreach (var (key, value) in data)
        {
            Data[key] = value;
        }

        // The input's own count when it is open, and the restorer's.
        _inputOpen = inputOpen ? 1 : 0;
        _pending.Value = inputOpen ? 2 : 1;
        IsRestored = true;
    }

    /// <summary>Whether the job was brought back from a checkpoint: its timeout then counts from its saved start.</summary>
    internal bool IsRestored { get; }

    /// <summary>Resuming: counts restored buffered messages as parked (before dispatch starts, so no quiescence check).</summary>
    internal void RestoreParked(int parked, int parkedInJoins)
    {
        Debug.Assert(IsRestored && parked >= parkedInJoins && parkedInJoins >= 0, "Parked counts restored on a job not restored, or out of range.");
        _parked = parked;
        _parkedInJoins = parkedInJoins;
    }
}
