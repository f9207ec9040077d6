namespace Routilux.Execution;

// Recording handler runs in the execution history, timed by the cell's RunClock: a run on its own is timed by its
// own readings, the runs of a batch by one reading at the batch's end, shared equally among them.
public sealed partial class RoutineCell
{
    /// <summary>
    /// Records the end of a run of the message in hand, if the worker keeps a history: reads the clock, and records
    /// the run, with the runs of its batch that wait for that reading (see <see cref="RecordInBatch"/>).
    /// </summary>
    private void Record(Job job, HandlerOutcome outcome)
    {
        if (_recordHistory)
        {
            var ended = _clock.EndRun(Clock);
            RecordShares(job, ended, _clock.DeferredRuns + 1, outcome, _hand.Attempt);
        }
    }

    /// <summary>
    /// Records a run of a batch that ended well: at its first attempt, it waits for the batch's end to be read
    /// (<see cref="RecordBatchEnd"/>); a run that took retries is recorded at once, with its attempt.
    /// </summary>
    private void RecordInBatch(Job job)
    {
        if (!_recordHistory)
        {
            return;
        }

        if (_hand.Attempt == 1)
        {
            _clock.DeferEnd();
        }
        else
        {
            Record(job, HandlerOutcome.Completed);
        }
    }

    /// <summary>The batch in hand is over (or parked): reads the clock once for the runs that wait for it.</summary>
    private void RecordBatchEnd(Job job)
    {
        if (_recordHistory && _clock.DeferredRuns > 0)
        {
            var ended = _clock.EndRun(Clock);
            RecordShares(job, ended, _clock.DeferredRuns, HandlerOutcome.Completed, attempt: 1);
        }
    }

    /// <summary>
    /// A run of a batch goes asynchronous: the runs before it are recorded now, with the share of the time so far
    /// they would have with it, and it starts where they end, so its wait is its own.
    /// </summary>
    private void RecordBatchBeforeWait(Job job)
    {
        if (_recordHistory && _clock.DeferredRuns > 0)
        {
            var now = Clock.GetTimestamp();
            var runs = _clock.DeferredRuns;
            var started = _clock.RunStartedAt;
            var resumesAt = started + ((now - started) * runs / (runs + 1));
            RecordShares(job, resumesAt, runs, HandlerOutcome.Completed, attempt: 1);
            _clock.RunStartedAt = resumesAt;
            _clock.Forget();
        }
    }

    /// <summary>
    /// Records <paramref name="runs"/> runs of the message in hand's slot and job, back to back from the clock's
    /// <see cref="RunClock.RunStartedAt"/> to <paramref name="ended"/>, as one entry: each run gets an equal share of
    /// that time when the history is read; the last ended with <paramref name="outcome"/> at <paramref name="attempt"/>,
    /// the ones before it well at their first.
    /// </summary>
    private void RecordShares(Job job, long ended, int runs, HandlerOutcome outcome, int attempt)
    {
        History.Record(_hand.Slot, job, _clock.RunStartedAt, ended, outcome, attempt, runs);
        _clock.DeferredRuns = 0;
    }

    /// <summary>Something other than bookkeeping ran or may have run (user code, a wait): the latest reading is stale.</summary>
    internal void ForgetLatestReading() => _clock.Forget();
}
