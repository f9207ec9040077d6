namespace Routilux.Execution;

// Streams across cores (see StreamSegments): a routine counts the deliveries it makes in one turn or
// one handler run and calls itself streaming past a few; a fused chain inherits the flag from the routine that
// started it. A streaming routine hands messages over at the flow's cuts, and the routine behind a cut, fed by a
// stream, waits a moment for the next message before giving its thread back.
public sealed partial class RoutineCell
{
    // How many times a streaming routine with nothing queued looks again before going idle, and the pause between
    // looks (Thread.SpinWait iterations, a few microseconds): about 150 microseconds in all, many times the gap between
    // messages of a running stream and about a pool thread's wake-up, which going idle and being scheduled again
    // costs. Looking rarely lets the producer write several messages between looks instead of losing its cache line
    // each time. (The producer, for its part, stops waiting for room as soon as this cell is not running a turn.)
    private const int LooksBeforeIdle = 64;
    private const int PauseBetweenLooks = 100;

    private int _deliveries;
    private bool _streaming;

    /// <summary>
    /// Whether this routine lies inside a segment of a cut flow (every routine feeding it is in the same segment).
    /// Its stream normally arrives by fused dispatch; when it was run from its queue instead (its upstream found it
    /// busy, say while it waited for room at the cut), it must not wait for more there: going idle at once lets the
    /// upstream fuse it again, where waiting would keep it a segment of its own, one more thread for the same cores.
    /// </summary>
    internal bool IsInsideSegment { get; set; }

    /// <summary>Whether the message in hand belongs to a stream: this routine, or the one that started its fused chain, is streaming.</summary>
    internal bool IsStreaming => _streaming;

    /// <summary>Counts one delivery of the outbox; called as the outbox goes out.</summary>
    private void CountDelivery()
    {
        // Inside a fused chain the flag came from the emitter (TryRunInline); only a chain's start counts.
        if (_inlineDepth == 0)
        {
            if (_deliveries < Tuning.StreamingAfter)
            {
                _deliveries++;
                _streaming = false;
            }
            else
            {
                _streaming = true;
            }
        }
    }

    /// <summary>A new turn: the count of deliveries starts again.</summary>
    private void ResetStreaming()
    {
        _deliveries = 0;
        _streaming = false;
    }

    /// <summary>
    /// For a streaming routine whose queues ran dry: looks again for a short while before the cell goes idle.
    /// </summary>
    /// <returns><see langword="true"/> when a message arrived meanwhile.</returns>
    private bool WaitBrieflyForStream()
    {
        if (!_streaming || IsInsideSegment)
        {
            return false;
        }

        for (var look = 0; look < LooksBeforeIdle; look++)
        {
            // Other work waiting for a thread (a job's completion, another routine): this thread is better spent there.
            if (ThreadPool.PendingWorkItemCount > 0)
            {
                return false;
            }

            Thread.SpinWait(PauseBetweenLooks);
            foreach (var queue in _queues)
            {
                if (queue.HasQueued)
                {
                    return !Worker.IsPaused;
                }
            }
        }

        return false;
    }
}
