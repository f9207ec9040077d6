namespace Routilux.Execution;

// Timing handler runs for the history with as few clock reads as possible: a read costs about as much as a fused
// hop. A run's start is the latest reading taken on the same thread of control when only runtime bookkeeping has
// run since (the emitter's end inside a fused chain, the previous run's end in a turn that runs queued messages back
// to back); otherwise the clock is read.
public sealed partial class RoutineCell
{
    private long _runStartedAt;

    // The latest clock reading of this cell's thread of control: its own run's end, or the end of the last run it
    // started inline (which includes that run's own downstream). Only to be used while _lastEndedIsNow, that is, while
    // nothing but bookkeeping has run since: it is cleared when a handler starts, before a delivery made from inside a
    // handler or after a wait, after a hand-off at a cut (which may wait), and when a turn starts or looks for more.
    private long _lastEnded;
    private bool _lastEndedIsNow;

    // Set by the message loop around each message it takes, the one place a run may start at the previous run's end.
    private bool _startAtLastEnd;

    // The emitter's latest reading, handed over for the next run when it is inline and the reading still "now".
    private long _emitterEnded;
    private bool _startAtEmitterEnd;

    /// <summary>The start of a handler run: the latest reading when that is still "now", else the clock.</summary>
    private long StartStamp()
    {
        if (_startAtEmitterEnd)
        {
            // Taken once: a retry of the same message starts after its failed attempt, not at the emitter's end.
            _startAtEmitterEnd = false;
            return _emitterEnded;
        }

        return _startAtLastEnd && _lastEndedIsNow ? _lastEnded : Clock.GetTimestamp();
    }

    /// <summary>
    /// Before a run inline for <paramref name="emitter"/>: its latest reading, when still "now", is the run's start.
    /// Copied rather than referenced: a reference to the emitter would cost a GC write barrier per hop.
    /// </summary>
    private void StartAtEndOf(RoutineCell emitter)
    {
        if (emitter._lastEndedIsNow)
        {
            _emitterEnded = emitter._lastEnded;
            _startAtEmitterEnd = true;
        }
    }

    private void Record(Job job, HandlerOutcome outcome)
    {
        if (_recordHistory)
        {
            var ended = Clock.GetTimestamp();
            History.Record(_currentSlot, job, _runStartedAt, ended, outcome, _attempt);
            _lastEnded = ended;
            _lastEndedIsNow = true;
        }
    }

    /// <summary>
    /// After a run this cell started inline: its latest reading is this cell's too, or nothing is when it went
    /// asynchronous (it may still be running on another thread).
    /// </summary>
    private void TakeLatestReadingFrom(RoutineCell callee, bool completed)
    {
        if (completed)
        {
            _lastEnded = callee._lastEnded;
            _lastEndedIsNow = callee._lastEndedIsNow;
        }
        else
        {
            _lastEndedIsNow = false;
        }
    }

    /// <summary>Something other than bookkeeping ran or may have run (user code, a wait): the latest reading is stale.</summary>
    internal void ForgetLatestReading() => _lastEndedIsNow = false;
}
