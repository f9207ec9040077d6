using Routilux.Observability;

namespace Routilux.Execution;

// Recording handler runs in the execution history, timed by the cell's RunClock. A run on its own is timed by its own
// readings. Runs separated by nothing but bookkeeping (a batch; in a turn, the next messages of the same slot and job
// when nothing was delivered in between) share one reading at the end, each recorded with an equal share of the time.
public sealed partial class RoutineCell
{
    /// <summary>
    /// Records the end of a run of the message in hand, if the worker keeps a history: reads the clock, and records
    /// the run together with the deferred runs before it (see <see cref="RecordLater"/>); and tells the hooks, if any.
    /// </summary>
    private void Record(Job job, HandlerOutcome outcome, Exception? error = null)
    {
        if (_hooks is not null)
        {
            HookRunEnded(job, outcome, error);
        }

        if (_recordHistory)
        {
            System.Diagnostics.Debug.Assert(_clock.Continues(_hand.Slot, job), "A run was timed with deferred runs of another slot or job.");
            var ended = _clock.EndRun(Clock);
            History.Record(_hand.Slot, job, _clock.RunStartedAt, ended, outcome, _hand.Attempt, _clock.DeferredRuns + 1);
            _clock.ClearDeferred();
        }
    }

    /// <summary>
    /// Records a run that ended well and may be followed by more with only bookkeeping between: at its first attempt
    /// it waits for a later reading (<see cref="RecordDeferred"/>); a run that took retries is recorded at once.
    /// </summary>
    private void RecordLater(Job job)
    {
        if (!_recordHistory)
        {
            if (_hooks is not null)
            {
                HookRunEnded(job, HandlerOutcome.Completed, error: null);
            }

            return;
        }

        if (_hand.Attempt == 1)
        {
            if (_hooks is not null)
            {
                HookRunEnded(job, HandlerOutcome.Completed, error: null);
            }

            _clock.DeferEnd(_hand.Slot, job);
        }
        else
        {
            Record(job, HandlerOutcome.Completed);
        }
    }

    /// <summary>
    /// Before a run of the message in hand starts: the deferred runs are recorded first unless it continues them
    /// (same slot, same job), so that a group of runs is always one slot's and one job's.
    /// </summary>
    private void RecordDeferredUnlessContinued(Job job)
    {
        if (!_clock.Continues(_hand.Slot, job))
        {
            RecordDeferred();
        }
    }

    /// <summary>Something other than bookkeeping comes next (or the turn ends): reads the clock once for the deferred runs.</summary>
    private void RecordDeferred()
    {
        if (_clock.DeferredRuns > 0)
        {
            var ended = _clock.EndRun(Clock);
            History.Record(_clock.DeferredSlot, _clock.DeferredJob!, _clock.RunStartedAt, ended, HandlerOutcome.Completed, attempt: 1, _clock.DeferredRuns);
            _clock.ClearDeferred();
        }
    }

    /// <summary>
    /// A run goes asynchronous: the deferred runs before it are recorded now, with the share of the time so far they
    /// would have with it, and it starts where they end, so its wait is its own.
    /// </summary>
    private void RecordDeferredBeforeWait()
    {
        if (_recordHistory && _clock.DeferredRuns > 0)
        {
            var now = Clock.GetTimestamp();
            var runs = _clock.DeferredRuns;
            var started = _clock.RunStartedAt;
            var resumesAt = started + ((now - started) * runs / (runs + 1));
            History.Record(_clock.DeferredSlot, _clock.DeferredJob!, started, resumesAt, HandlerOutcome.Completed, attempt: 1, runs);
            _clock.ClearDeferred();
            _clock.RunStartedAt = resumesAt;
            _clock.Forget();
        }
    }

    /// <summary>
    /// Hooks only: a run starts. Unlike the history, hooks time every run on its own (one clock reading at each end),
    /// a cost paid only when a hook is registered.
    /// </summary>
    private void HookRunStarting(Job job)
    {
        _hookedRunStartedAt = Clock.GetTimestamp();
        _hooks!.HandlerStarting(new HandlerStart(job, RoutineId, CurrentSlotName, _hand.Attempt));
    }

    /// <summary>Hooks only: the run in hand ended with <paramref name="outcome"/>.</summary>
    private void HookRunEnded(Job job, HandlerOutcome outcome, Exception? error)
    {
        var duration = Clock.GetElapsedTime(_hookedRunStartedAt);
        _hooks!.HandlerEnded(new HandlerEnd(job, RoutineId, CurrentSlotName, _hand.Attempt, outcome, duration, error));
    }

    /// <summary>Something other than bookkeeping ran or may have run (user code, a wait): the latest reading is stale.</summary>
    internal void ForgetLatestReading() => _clock.Forget();
}
