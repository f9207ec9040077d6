namespace Routilux.Execution;

// Recording handler runs in the execution history, timed by the cell's RunClock.
public sealed partial class RoutineCell
{
    /// <summary>Records the end of a run of the message in hand, if the worker keeps a history.</summary>
    private void Record(Job job, HandlerOutcome outcome)
    {
        if (_recordHistory)
        {
            var ended = _clock.EndRun(Clock);
            History.Record(_hand.Slot, job, _clock.RunStartedAt, ended, outcome, _hand.Attempt);
        }
    }

    /// <summary>Something other than bookkeeping ran or may have run (user code, a wait): the latest reading is stale.</summary>
    internal void ForgetLatestReading() => _clock.Forget();
}
