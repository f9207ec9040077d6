namespace Routilux.Execution;

// Passing a fused chain on instead of nesting it. When a handler run ends with one message for one idle target, the
// emitter claims the target, puts the message in its hand and ends its own message; the target then runs next in
// the same loop (RunPassedOn) rather than one call deeper. A linear chain so costs one frame per hop
// instead of three, and a routine is given back as soon as its message has moved on. Order is kept: the target is
// claimed before the emitter is given back, so a later message of the emitter finds the target busy and queues
// behind this one.
public sealed partial class RoutineCell
{
    /// <summary>
    /// Claims this idle cell for the single message <paramref name="emitter"/> passes on, puts it in hand and takes
    /// over the emitter's share of the job's count (see <see cref="TakeCountFrom"/>).
    /// </summary>
    /// <returns><see langword="false"/> when the cell is not free to take it now; the emitter then delivers as usual.</returns>
    internal bool TryTakePassedOn<T>(SlotQueue<T> queue, T payload, Job job, RoutineCell emitter)
    {
        // Passing on does not deepen the stack: the depth stays the emitter's, at least 1 (a fused run).
        var depth = emitter._inlineDepth == 0 ? 1 : emitter._inlineDepth;
        if (!TryClaimIdle(queue, depth))
        {
            return false;
        }

        TakeInHand(queue, payload, job, depth, emitter);
        TakeCountFrom(emitter);
        return true;
    }

    /// <summary>
    /// The message passed on needs the job held open until it is done, as the emitter's did. An emitter that owes its
    /// release to its own turn (paid only when that turn ends, after the chain has run) or rides on its own emitter's
    /// count lends it: nothing changes hands. An emitter that would release its count at once hands it over instead.
    /// </summary>
    private void TakeCountFrom(RoutineCell emitter)
    {
        if (emitter._hand.Count > 0 && !emitter.OwesReleasesHere)
        {
            _hand.Count = emitter._hand.Count;
            _hand.Borrowed = false;
            emitter._hand.Count = 0;
        }
        else
        {
            _hand.Count = 0;
            _hand.Borrowed = true;
        }
    }

    /// <summary>
    /// Whether this cell's message is done, given what became of its handler run: <paramref name="next"/> is
    /// <see langword="null"/> when the message is done; this cell when it continues asynchronously (the cell stays
    /// claimed until its continuation ends it); another cell when the message was passed on to it, claimed and in
    /// hand, and that chain is then run here (this cell's message is done either way).
    /// </summary>
    private bool IsDone(RoutineCell? next, Job job) => next is null || (!ReferenceEquals(next, this) && RunPassedOn(next, job));

    /// <summary>
    /// Runs the chain this cell passed its message on to, one cell after another on this thread, giving each back as
    /// it passes on in turn or finishes. This cell's own message is already done.
    /// </summary>
    /// <returns><see langword="true"/>: this cell's message is done, whatever became of the chain.</returns>
    private bool RunPassedOn(RoutineCell cell, Job job)
    {
        try
        {
            while (true)
            {
                var next = cell.AttemptStep(cell._queues[cell._hand.Slot], job);
                if (ReferenceEquals(next, cell))
                {
                    // Went asynchronous after OwnPending gave it a count of its own; its continuation gives it back.
                    if (_recordHistory)
                    {
                        _clock.TakeLatestReadingFrom(in cell._clock, completed: false);
                    }

                    return true;
                }

                cell.ReleaseInlineClaim();
                if (next is null)
                {
                    if (_recordHistory)
                    {
                        _clock.TakeLatestReadingFrom(in cell._clock, completed: true);
                    }

                    return true;
                }

                cell = next;
            }
        }
        catch (Exception ex)
        {
            // Only a runtime bug gets here (handler exceptions are handled by the attempt). Never leave a cell claimed.
            cell._inlineDepth = 0;
            cell.RecoverFromInternalError(ex);
            return true;
        }
    }
}
