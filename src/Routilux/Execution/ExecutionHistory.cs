using System.Runtime.InteropServices;

namespace Routilux.Execution;

/// <summary>
/// The handler runs of one routine instance, in a ring of fixed size. Only the owning cell writes, so recording
/// takes no lock: the writer fills an entry, then publishes the count. A reader copies the ring and then discards
/// the oldest entries the writer may have overwritten while it copied (the tear-free part is what it keeps).
/// An entry holds one run, or a group of runs timed together (see RunClock.DeferredRuns): one write per group,
/// expanded into its runs, each an equal share of the group's time, when the history is read.
/// </summary>
internal sealed class ExecutionHistory
{
    private readonly Entry[] _ring;

    // Written for every handler run, so kept off the cache lines of whatever is allocated next to this object, which
    // may belong to a routine running on another core (in a stream's next segment).
    private Cursor _cursor;

    // One place more than asked for: the place being written never holds one of the `capacity` newest runs.
    public ExecutionHistory(int capacity) => _ring = new Entry[capacity + 1];

    /// <summary>
    /// Records <paramref name="runs"/> runs of <paramref name="slot"/> for <paramref name="job"/>, back to back from
    /// <paramref name="startedAt"/> to <paramref name="endedAt"/>: the last ended with <paramref name="outcome"/> at
    /// <paramref name="attempt"/>, any before it well at their first attempt.
    /// </summary>
    public void Record(int slot, Job job, long startedAt, long endedAt, HandlerOutcome outcome, int attempt, int runs = 1)
    {
        System.Diagnostics.Debug.Assert(runs >= 1 && endedAt >= startedAt, "A history entry holds at least one run, forward in time.");
        // An index that wraps by comparison: a 64-bit modulo per handler run costs more than the rest of the write.
        var next = _cursor.Next;
        ref var entry = ref _ring[next];
        entry.Slot = slot;
        entry.StartedAt = startedAt;
        entry.EndedAt = endedAt;
        entry.Outcome = outcome;
        entry.Attempt = attempt;
        entry.Runs = runs;

        // A reference write costs a GC barrier; the runs of a stream mostly overwrite an entry of the same job.
        if (!ReferenceEquals(entry.JobId, job.Id))
        {
            entry.JobId = job.Id;
        }

        _cursor.Next = next + 1 == _ring.Length ? 0 : next + 1;
        Volatile.Write(ref _cursor.Written, _cursor.Written + 1);
    }

    /// <summary>Resuming: records a run saved in a checkpoint, by its job's id (the job may be long gone).</summary>
    public void RecordRestored(int slot, string jobId, long startedAt, long endedAt, HandlerOutcome outcome, int attempt)
    {
        var next = _cursor.Next;
        ref var entry = ref _ring[next];
        entry = new Entry { Slot = slot, JobId = jobId, StartedAt = startedAt, EndedAt = Math.Max(startedAt, endedAt), Outcome = outcome, Attempt = attempt, Runs = 1 };
        _cursor.Next = next + 1 == _ring.Length ? 0 : next + 1;
        Volatile.Write(ref _cursor.Written, _cursor.Written + 1);
    }

    /// <summary>
    /// Copies the latest runs, at most the capacity asked for, into <paramref name="into"/>, converting timestamps to
    /// wall-clock times.
    /// </summary>
    public void CopyTo(List<HandlerRun> into, RoutineCell cell, TimeProvider clock, DateTimeOffset now, long nowTimestamp)
    {
        var capacity = _ring.Length;
        var before = Volatile.Read(ref _cursor.Written);
        var copy = (Entry[])_ring.Clone();
        var after = Volatile.Read(ref _cursor.Written);

        // Entries numbered [after - capacity + 1, before) are intact: older ones may have been overwritten while we
        // copied, and the one numbered `after` may be half written right now. That leaves the requested capacity.
        var first = Math.Max(0, after - capacity + 1);

        // An entry may hold a group of runs: only the newest entries that hold the capacity asked for are expanded,
        // and the oldest runs of the oldest of them are skipped.
        var wanted = capacity - 1;
        var oldest = before;
        long held = 0;
        while (oldest > first && held < wanted)
        {
            oldest--;
            held += copy[oldest % capacity].Runs;
        }

        var skip = Math.Max(0, held - wanted);
        for (var n = oldest; n < before; n++)
        {
            var entry = copy[n % capacity];
            var slot = cell.Routine.Descriptor.Slots[entry.Slot].Name;
            var share = (entry.EndedAt - entry.StartedAt) / entry.Runs;
            var runStart = entry.StartedAt;
            for (var run = 1; run <= entry.Runs; run++)
            {
                // The last run of a group takes the few ticks the division leaves over.
                var last = run == entry.Runs;
                var runEnd = last ? entry.EndedAt : runStart + share;
                if (skip > 0)
                {
                    skip--;
                }
                else
                {
                    var startedAt = now - clock.GetElapsedTime(runStart, nowTimestamp);
                    var duration = clock.GetElapsedTime(runStart, runEnd);
                    into.Add(new HandlerRun(cell.RoutineId, slot, entry.JobId, startedAt, duration, last ? entry.Outcome : HandlerOutcome.Completed, last ? entry.Attempt : 1));
                }

                runStart = runEnd;
            }
        }
    }

    [StructLayout(LayoutKind.Explicit, Size = 2 * PaddedFlag.Spacing)]
    private struct Cursor
    {
        // How many runs were recorded, and the place the next one goes.
        [FieldOffset(PaddedFlag.Spacing)]
        public long Written;

        [FieldOffset(PaddedFlag.Spacing + sizeof(long))]
        public int Next;
    }

    // Mutable and written field by field, so that an unchanged job id is not written again.
    private struct Entry
    {
        public int Slot;
        public string JobId;
        public long StartedAt;
        public long EndedAt;
        public HandlerOutcome Outcome;
        public int Attempt;

        // How many runs of one batch the entry holds (see Record), 1 for a run timed on its own.
        public int Runs;
    }
}
