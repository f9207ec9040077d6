using System.Diagnostics;

namespace Routilux.Execution;

/// <summary>
/// Times a cell's handler runs for the execution history with as few clock reads as possible: a read costs about as
/// much as a fused hop. A run's start is the latest reading taken on the same thread of control when only runtime
/// bookkeeping has run since (the emitter's end inside a fused chain, the previous run's end in a turn that runs
/// queued messages back to back); otherwise the clock is read. The runs of one batch (a job's messages handled back
/// to back, see RoutineCell.Batches.cs) share one reading at the batch's end: the batch's time is measured, and each
/// of its runs is given an equal share of it (<see cref="DeferredRuns"/>).
/// </summary>
/// <remarks>
/// <para>Every field belongs to the holder of the cell's claim (see the contract in RoutineCell.cs); an emitter's
/// clock is read by the cell it runs inline, which it has claimed for the run.</para>
/// <para>Invariant: <see cref="LastEnded"/> is only used while <see cref="LastEndedIsNow"/>, which is cleared whenever
/// something but bookkeeping may have run since the reading (a handler starts, a delivery from inside a handler or
/// after a wait, a hand-off at a cut, a turn starting or looking for more).</para>
/// </remarks>
[DebuggerDisplay("started {RunStartedAt}, last end {LastEnded} (now: {LastEndedIsNow})")]
internal struct RunClock
{
    /// <summary>The start of the run under way.</summary>
    public long RunStartedAt;

    /// <summary>The latest reading of this thread of control: its own run's end, or the end of the last run it started inline.</summary>
    public long LastEnded;

    /// <summary>Whether <see cref="LastEnded"/> is still "now": nothing but bookkeeping ran since.</summary>
    public bool LastEndedIsNow;

    /// <summary>Set by the message loop around each message it takes, the one place a run may start at the previous run's end.</summary>
    public bool StartAtLastEnd;

    /// <summary>The emitter's latest reading, handed over for the next run when it is inline and the reading still "now".</summary>
    public long EmitterEnded;

    /// <summary>Whether the next run starts at <see cref="EmitterEnded"/>.</summary>
    public bool StartAtEmitterEnd;

    /// <summary>
    /// Runs that ended well, at their first attempt, without a reading of their own: runs of one slot
    /// (<see cref="DeferredSlot"/>) for one job (<see cref="DeferredJob"/>), one after another from
    /// <see cref="RunStartedAt"/> with only bookkeeping between them (a batch, and in a turn the messages after it when
    /// nothing was delivered). They, and a run of the same slot and job under way, share the time up to the next
    /// reading equally. Zero outside a turn whenever the hand is empty.
    /// </summary>
    public int DeferredRuns;

    /// <summary>The slot of the <see cref="DeferredRuns"/>.</summary>
    public int DeferredSlot;

    /// <summary>The job of the <see cref="DeferredRuns"/>, or <see langword="null"/> when there are none.</summary>
    public Job? DeferredJob;

    /// <summary>Starts a run: its start is the latest reading when that is still "now", else the clock.</summary>
    public void StartRun(TimeProvider clock)
    {
        if (DeferredRuns > 0)
        {
            // The next run of a batch: it started when the last one ended, a moment that is never read (see DeferEnd).
            return;
        }

        if (StartAtEmitterEnd)
        {
            // Taken once: a retry of the same message starts after its failed attempt, not at the emitter's end.
            StartAtEmitterEnd = false;
            RunStartedAt = EmitterEnded;
        }
        else
        {
            RunStartedAt = StartAtLastEnd && LastEndedIsNow ? LastEnded : clock.GetTimestamp();
        }

        LastEndedIsNow = false;
    }

    /// <summary>Ends a run: reads the clock once, and the reading is "now" for whatever bookkeeping comes next.</summary>
    public long EndRun(TimeProvider clock)
    {
        LastEnded = clock.GetTimestamp();
        LastEndedIsNow = true;
        return LastEnded;
    }

    /// <summary>Ends a run of <paramref name="slot"/> for <paramref name="job"/> without reading the clock: a later reading will be shared with it (see <see cref="DeferredRuns"/>).</summary>
    public void DeferEnd(int slot, Job job)
    {
        Debug.Assert(DeferredRuns == 0 || (DeferredSlot == slot && ReferenceEquals(DeferredJob, job)), "Deferred runs of another slot or job were not recorded first.");
        if (DeferredRuns++ == 0)
        {
            DeferredSlot = slot;
            DeferredJob = job;
        }

        LastEndedIsNow = false;
    }

    /// <summary>Whether a run of <paramref name="slot"/> for <paramref name="job"/> continues the deferred runs, rather than needing them recorded first.</summary>
    public readonly bool Continues(int slot, Job job) => DeferredRuns == 0 || (DeferredSlot == slot && ReferenceEquals(DeferredJob, job));

    /// <summary>The deferred runs were recorded.</summary>
    public void ClearDeferred()
    {
        DeferredRuns = 0;
        DeferredJob = null;
    }

    /// <summary>
    /// Before a run inline for an emitter: its latest reading, when still "now", is the run's start. Copied rather
    /// than referenced: a reference to the emitter would cost a GC write barrier per hop.
    /// </summary>
    public void StartAtEndOf(in RunClock emitter)
    {
        if (emitter.LastEndedIsNow)
        {
            EmitterEnded = emitter.LastEnded;
            StartAtEmitterEnd = true;
        }
    }

    /// <summary>
    /// After a run this cell started inline: the callee's latest reading is this cell's too, or nothing is when it
    /// went asynchronous (it may still be running on another thread).
    /// </summary>
    public void TakeLatestReadingFrom(in RunClock callee, bool completed)
    {
        if (completed)
        {
            LastEnded = callee.LastEnded;
            LastEndedIsNow = callee.LastEndedIsNow;
        }
        else
        {
            LastEndedIsNow = false;
        }
    }

    /// <summary>Something other than bookkeeping ran or may have run (user code, a wait): the latest reading is stale.</summary>
    public void Forget() => LastEndedIsNow = false;

    /// <summary>After a runtime fault: nothing carries over to the next run.</summary>
    public void Reset()
    {
        ClearDeferred();
        StartAtLastEnd = false;
        StartAtEmitterEnd = false;
        LastEndedIsNow = false;
    }
}
