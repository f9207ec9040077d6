namespace Routilux.Execution;

// Room in activation buffers (issue 17, bug 2). A batch, interval or custom buffer takes at most its slot's capacity of
// each job's messages, so one job's partial sets never take the room another job needs; a queue whose head finds its
// job's buffer full waits, and the buffer is what frees it: a full batch or custom buffer runs with what it holds (no
// more of the job's messages could ever join it), an interval when its period has passed.
//
// A join buffer has no such room. A join message waits for a partner from another slot; holding a job's next message
// back because its earlier ones are unpaired would stop the emitters and posts behind it, and with them, possibly, the
// partner, or the end of the job that drops unpaired messages: a job deadlocked on itself (the model test found one
// through an emitter waiting behind the held-back message). So a join takes every message; its queue still makes
// producers wait while the join's handler is slower than they are, and unpaired messages go at the end of their job.
public sealed partial class RoutineCell
{
    /// <summary>Whether the head of slot <paramref name="slot"/>'s queue may be taken now. In a turn.</summary>
    private bool IsTakeable(int slot)
    {
        if (_buffers[slot] is not { } buffer || buffer.Policy.Kind == ActivationKind.AllSlotsReady)
        {
            return true;
        }

        var queue = _queues[slot];
        var head = queue.HeadJob();

        // A stopped job's head is taken to be dropped; one being published is taken as the queue hands it over.
        if (head is null || head.IsStopped || buffer.HasRoomFor(head))
        {
            Volatile.Write(ref _blockedAtLength![slot], -1);
            return true;
        }

        Volatile.Write(ref _blockedAtLength![slot], queue.Count);
        if (buffer.Policy.Kind is ActivationKind.Batch or ActivationKind.Custom)
        {
            // Served before the loop looks at the queues again, so it is asked for once per full buffer.
            _flushRequests.Enqueue((slot, head));
        }

        return false;
    }

    /// <summary>
    /// Slot <paramref name="slot"/>'s buffer gave up messages: a head seen blocked may fit now. Forgotten here, in the
    /// turn, so that a cell going idle right after (a pause) is not kept idle by a stale "blocked" (the model test's
    /// seed 12020255: a custom buffer of one ran, the worker paused, and the resume saw its queue as still blocked).
    /// </summary>
    private void RoomFreed(int slot)
    {
        if (_blockedAtLength is not null)
        {
            Volatile.Write(ref _blockedAtLength[slot], -1);
        }
    }

    /// <summary>Whether slot <paramref name="slot"/>'s queue may hold a takeable message. Any thread.</summary>
    private bool MayBeTakeable(int slot) =>
        _buffers[slot] is null || _queues[slot].Count != Volatile.Read(ref _blockedAtLength![slot]);
}
