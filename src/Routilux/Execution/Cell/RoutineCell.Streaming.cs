namespace Routilux.Execution;

// Streams across cores (see StreamSegments and StreamDetector): a streaming routine hands messages over at the flow's
// cuts, and the routine behind a cut, fed by a stream, looks again for a moment before it gives its claim up.
public sealed partial class RoutineCell
{
    /// <summary>
    /// Whether this routine lies inside a segment of a cut flow (every routine feeding it is in the same segment).
    /// Its stream normally arrives by fused dispatch; when it was run from its queue instead (its upstream found it
    /// busy, say while it waited for room at the cut), it must not wait for more there: going idle at once lets the
    /// upstream fuse it again, where waiting would keep it a segment of its own, one more thread for the same cores.
    /// </summary>
    internal bool IsInsideSegment { get; set; }

    /// <summary>Whether the message in hand belongs to a stream: this routine, or the one that started its fused chain, is streaming.</summary>
    internal bool IsStreaming => _stream.IsStreaming;

    /// <summary>What <see cref="WaitForStream"/> found.</summary>
    private enum StreamWait
    {
        /// <summary>Not a stream, or it has stopped: the cell goes idle.</summary>
        GoIdle,

        /// <summary>A message arrived: the turn goes on.</summary>
        MessageArrived,

        /// <summary>The thread goes back to the pool; the cell, still claimed, looks again from a fresh work item.</summary>
        LookAgainLater,
    }

    /// <summary>Counts one delivery of the outbox; called as the outbox goes out.</summary>
    private void CountDelivery()
    {
        // Inside a fused chain the flag came from the emitter (TakeInHand); only a chain's start counts.
        if (_inlineDepth == 0)
        {
            _stream.CountDelivery();
        }
    }

    /// <summary>
    /// For a streaming routine whose queues ran dry: looks again for a few microseconds on this thread (the gap
    /// between a running stream's messages), then gives the thread back to the pool and looks again from a fresh work
    /// item, up to <see cref="Tuning.StreamLooksByWorkItem"/> times, before it goes idle. Going idle costs the stream a
    /// pool thread's wake-up when its next message comes (the producer schedules the cell again); a work item that
    /// looks again costs nothing while the pool has other work, which runs first (the cell queues itself at the end
    /// of the global queue, and gives up at once when anything else waits).
    /// </summary>
    private StreamWait WaitForStream()
    {
        if (IsInsideSegment || !(_stream.IsStreaming || _stream.LooksLeft > 0))
        {
            return StreamWait.GoIdle;
        }

        for (var look = 0; look < Tuning.StreamSpinLooks; look++)
        {
            // Other work waiting for a thread (a job's completion, another routine): this thread is better spent there.
            if (ThreadPool.PendingWorkItemCount > 0)
            {
                break;
            }

            Thread.SpinWait(Tuning.StreamSpinPause);
            if (HasQueuedAsConsumer())
            {
                return Worker.DispatchStopped ? StreamWait.GoIdle : StreamWait.MessageArrived;
            }
        }

        if (_stream.IsStreaming)
        {
            _stream.IsStreaming = false;
            _stream.LooksLeft = Tuning.StreamLooksByWorkItem;
        }

        if (_stream.LooksLeft == 0)
        {
            return StreamWait.GoIdle;
        }

        _stream.LooksLeft--;
        return StreamWait.LookAgainLater;
    }

    /// <summary>Whether any slot queue holds a message, as the consumer sees it. Claim holder only.</summary>
    private bool HasQueuedAsConsumer()
    {
        foreach (var queue in _queues)
        {
            if (queue.HasQueued)
            {
                return true;
            }
        }

        return false;
    }
}
