namespace Routilux.Execution;

// Room in activation buffers (batch, interval, custom, join). A buffer takes at most its slot's capacity of each job's
// messages; a queue whose head message finds its job's buffer full is blocked, and what happens then depends on the
// activation, so that a full buffer never stops a job from ending (issue 17, bug 2):
// - batch and custom: the buffer runs with what it holds (no more of the job's messages could ever join it);
// - interval: its timer runs it when the period has passed;
// - join: the blocked head waits for a partner exactly like the buffered messages, so it counts as parked in the
//   join; once everything left of the job waits in joins, the unpaired messages are dropped and the head gets in.
public sealed partial class RoutineCell
{
    // Per slot, written in a turn: the queue's length when its head was last seen blocked, or -1. Read from any
    // thread (HasQueuedMessages, after the claim is given up): a queue longer than that has a new message that may be
    // takeable; reading it needs no buffer, which only the turn may touch. Null without buffers.
    private readonly int[]? _blockedAtLength;

    // Per slot, in a turn: the job whose blocked head message is counted as parked in a join, or null.
    private readonly Job?[]? _parkedHeads;

    /// <summary>Whether the head of slot <paramref name="slot"/>'s queue may be taken now. In a turn.</summary>
    private bool IsTakeable(int slot)
    {
        if (_buffers[slot] is not { } buffer)
        {
            return true;
        }

        var queue = _queues[slot];
        var head = queue.HeadJob();

        // The head counted as parked may have left another way (evicted by DropOldest): count it out.
        if (_parkedHeads![slot] is { } parked && !ReferenceEquals(parked, head))
        {
            ForgetParkedHead(slot);
        }

        // A stopped job's head is taken to be dropped; one being published is taken as the queue hands it over.
        if (head is null || head.IsStopped || buffer.HasRoomFor(head))
        {
            Volatile.Write(ref _blockedAtLength![slot], -1);
            return true;
        }

        Volatile.Write(ref _blockedAtLength![slot], queue.Count);
        OnHeadBlocked(slot, buffer, head);
        return false;
    }

    /// <summary>Whether slot <paramref name="slot"/>'s queue may hold a takeable message. Any thread.</summary>
    private bool MayBeTakeable(int slot) =>
        _buffers[slot] is null || _queues[slot].Count != Volatile.Read(ref _blockedAtLength![slot]);

    /// <summary>The head message of <paramref name="head"/>'s job found its buffer full. In a turn.</summary>
    private void OnHeadBlocked(int slot, SlotBuffer buffer, Job head)
    {
        switch (buffer.Policy.Kind)
        {
            case ActivationKind.Batch or ActivationKind.Custom:
                // Served before the loop looks at the queues again, so it is asked for once per full buffer.
                _flushRequests.Enqueue((slot, head));
                break;

            case ActivationKind.AllSlotsReady when _parkedHeads![slot] is null:
                _parkedHeads[slot] = head;
                head.Park(1, inJoin: true);
                break;
        }
    }

    /// <summary>Counts out the head message counted as parked in slot <paramref name="slot"/>'s join, if any. In a turn.</summary>
    private void ForgetParkedHead(int slot)
    {
        if (_parkedHeads?[slot] is { } job)
        {
            _parkedHeads[slot] = null;
            job.Unpark(1, inJoin: true);
        }
    }
}
