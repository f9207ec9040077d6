using System.Diagnostics;

namespace Routilux.Execution;

/// <summary>
/// The bounded input queue of one slot of one routine instance. Many producers (events connected to the slot,
/// or callers posting into a job) enqueue; the owning <see cref="RoutineCell"/> is the only consumer. Producers claim
/// places with a compare-and-swap on the tail and publish each place on its own, so they never wait for one another;
/// the consumer takes without a lock (except under DropOldest, where a producer may evict the head). Who may touch
/// what, and which fence pairs with which, is written once at the top of SlotQueueOfT.cs.
/// </summary>
[DebuggerDisplay("{Owner.RoutineId,nq}.{Slot.Name,nq}: {Count}/{Capacity} ({Policy})")]
internal abstract class SlotQueue
{
    private long _dropped;

    // The typed subclass's ring, kept here so that it sits with the other fields producers read, before the indices:
    // a subclass field would land after them, on the cache line of the message in hand, which the consumer writes
    // for every message.
    private protected readonly Array _ringStorage;

    // Whether the payload type holds references, which the message in hand must not keep alive once handled.
    private readonly bool _payloadHasReferences;

    // The runtime's hooks, copied from the owner: an enqueue checks them without a hop through the cell.
    private protected readonly Observability.HookSet? _hooks;

    protected SlotQueue(RoutineCell owner, SlotDescriptor slot, int capacity, QueueFullPolicy policy, Array ring, bool payloadHasReferences)
    {
        _ringStorage = ring;
        _payloadHasReferences = payloadHasReferences;
        Owner = owner;
        _hooks = owner.Hooks;
        Slot = slot;
        SlotIndex = slot.Index;
        Capacity = capacity;
        Policy = policy;
    }

    /// <summary>What happens when a message arrives and the queue is full.</summary>
    public QueueFullPolicy Policy { get; }

    /// <summary>Messages dropped by a Drop policy so far.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>The cell that consumes this queue.</summary>
    public RoutineCell Owner { get; }

    /// <summary>The slot this queue feeds.</summary>
    public SlotDescriptor Slot { get; }

    /// <summary>The slot's index in its routine; a copy of <c>Slot.Index</c>, read once per fused hop.</summary>
    public int SlotIndex { get; }

    /// <summary>The most messages the queue holds; a producer waits when it is full.</summary>
    public int Capacity { get; }

    // Written by the typed subclass: the tail side by producers, the head side by the consumer (see the contract).
    private protected QueueIndices _indices;

    /// <summary>
    /// The number of queued messages, not counting the one in the consumer's hand, counting places claimed by a
    /// producer that has not published them yet. A snapshot from any thread.
    /// </summary>
    /// <remarks>
    /// Not virtual: the hot path reads it. Head first: read the other way round, a take in between could make it
    /// negative. Claimed places count, so that a producer that sees 0 knows nothing is ahead of its next message (the
    /// condition for running it inline).
    /// </remarks>
    public int Count
    {
        get
        {
            var head = Volatile.Read(ref _indices.Head);
            var count = Volatile.Read(ref _indices.Tail) - head;
            return count <= 0 ? 0 : (int)Math.Min(count, Capacity);
        }
    }

    /// <summary>
    /// Whether a published message is at the head, as the consumer sees it: its view of how far the queue is
    /// published first, the places themselves only when that view says empty. Consumer only.
    /// </summary>
    public bool HasQueued
    {
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        get
        {
            Owner.AssertClaimed();
            return _indices.Published > _indices.Head || RefreshPublished();
        }
    }

    /// <summary>
    /// How many messages are queued as the consumer last looked (<see cref="HasQueued"/> and <see cref="LookAtTail"/>
    /// update its view); the producers may have added more since. Consumer only.
    /// </summary>
    /// <remarks>Never negative: under DropOldest an eviction may move the head past the consumer's view.</remarks>
    public int QueuedAsSeen
    {
        get
        {
            Owner.AssertClaimed();
            return (int)Math.Max(0, _indices.Published - _indices.Head);
        }
    }

    /// <summary>
    /// Whether a message is queued as the consumer last looked, without looking again: a look pulls the cache lines
    /// producers write away from them. Consumer only.
    /// </summary>
    public bool HasQueuedAsSeen
    {
        get
        {
            Owner.AssertClaimed();
            return _indices.Published > _indices.Head;
        }
    }

    /// <summary>Looks at the places behind the consumer's view and extends it over those published since. Consumer only.</summary>
    public void LookAtTail() => RefreshPublished();

    /// <summary>
    /// Extends the consumer's view of how far the queue is published over the places published since, and returns
    /// whether the head is published. Consumer only.
    /// </summary>
    private protected abstract bool RefreshPublished();

    /// <summary>
    /// Whether the head message is published (a place claimed but not yet written does not count). Any thread: it is
    /// the look of a cell going idle, after its full fence (see the contract), when another thread may already be the
    /// consumer; a hint that may be wrong only about a head taken at that very moment.
    /// </summary>
    public abstract bool HasPublishedHead();

    /// <summary>
    /// Moves the head message into the consumer's hand (freeing its place and waking producers waiting for room)
    /// and returns its job. Consumer only, and only when <see cref="HasQueued"/>.
    /// </summary>
    public abstract Job TakeHead();

    /// <summary>Whether the head message belongs to <paramref name="job"/>. Consumer only, and only when <see cref="HasQueued"/>.</summary>
    public abstract bool HeadBelongsTo(Job job);

    /// <summary>The job of the head message, or <see langword="null"/> when none is queued (or it is being taken). Consumer only.</summary>
    public abstract Job? HeadJob();

    /// <summary>
    /// Whether a message is queued and the head one belongs to a stopped job. From any thread: a hint, which may be
    /// wrong about a head taken or evicted at that very moment, never about one that stays.
    /// </summary>
    public abstract bool HeadJobIsStopped();

    /// <summary>
    /// Moves the head message into the consumer's hand, as <see cref="TakeHead"/>, if it belongs to a stopped job, and
    /// returns that job; otherwise <see langword="null"/>. Consumer only.
    /// </summary>
    public abstract Job? TakeHeadIfStopped();

    // The rest of a batch passed on in hand (see RoutineCell.Batches): the messages after the one in hand, at
    // places _batchNext to _batchEnd - 1 of the typed subclass's batch array. Consumer only.
    private protected int _batchNext;
    private protected int _batchEnd;

    /// <summary>Whether messages of a batch passed on are still waiting in hand behind the one being handled. Consumer only.</summary>
    public bool HasBatchLeft
    {
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        get => _batchNext < _batchEnd;
    }

    /// <summary>Puts the next message of the batch in hand. Consumer only, and only when <see cref="HasBatchLeft"/>.</summary>
    public abstract void NextOfBatch();

    /// <summary>Forgets the rest of the batch in hand (its job stopped). Consumer only.</summary>
    public abstract void DropBatch();

    /// <summary>Forgets the message in hand once it has been handled or dropped. Consumer only.</summary>
    /// <remarks>Not virtual: a payload without references (an int, say) needs no clearing, and the hot path skips the call.</remarks>
    public void ReleaseInHand()
    {
        Owner.AssertClaimed();
        if (_payloadHasReferences)
        {
            ClearInHandPayload();
        }
    }

    /// <summary>Clears the payload in hand, so it is not kept alive. Consumer only.</summary>
    protected abstract void ClearInHandPayload();

    /// <summary>Drops a waiter that stopped waiting (its job ended), so it is not woken later. Any thread.</summary>
    public abstract void Unregister(SpaceWaiter waiter);

    /// <summary>
    /// Wakes producers that found the queue full only once it is empty. For the queue of a routine inside a stream's
    /// segment (<see cref="RoutineCell.IsInsideSegment"/>), which is normally run by fused dispatch: if it has fallen
    /// behind and runs from its queue, its producer resuming only once that backlog is gone finds it idle and fuses it
    /// again, where resuming at three quarters full would keep feeding the queue and keep it a segment of its own.
    /// Called while the worker is built, before any message.
    /// </summary>
    public abstract void WakeProducersWhenEmpty();

    /// <summary>
    /// Wakes waiting producers if the queue has drained to its low-water mark. The consumer calls it after a full
    /// fence (going idle, a handler going asynchronous): its per-take check reads the waiter flag without one, and
    /// could miss a producer that registered at that very moment.
    /// </summary>
    public abstract void WakeWaitersIfDrained();

    /// <summary>The messages this slot has received, as a running count (see SlotQueue&lt;T&gt;); the one in hand is number <c>Received</c>. Consumer only.</summary>
    public abstract long Received { get; set; }

    /// <summary>"routine.Slot", for messages.</summary>
    public string Name => $"{Owner.RoutineId}.{Slot.Name}";

    /// <summary>A checkpoint's cut: the published messages of running jobs, head first. Consumer only (the checkpoint holds the cell).</summary>
    public abstract CapturedPayloads CaptureQueued(IReadOnlySet<Job> jobs);

    /// <summary>An empty capture of this slot's payload type.</summary>
    public abstract CapturedPayloads NewCapture();

    /// <summary>Adds the payload in hand to <paramref name="into"/> (a capture of this slot's type). Consumer only.</summary>
    public abstract void CaptureInHand(CapturedPayloads into, Job job, long number);

    /// <summary>Adds the rest of the batch in hand to <paramref name="into"/>, numbered from <paramref name="firstNumber"/>. Consumer only.</summary>
    public abstract void CaptureBatchRest(CapturedPayloads into, Job job, long firstNumber);

    /// <summary>Resuming: queues a saved message without scheduling the cell (dispatch has not started).</summary>
    public abstract void RestoreQueued(System.Text.Json.JsonElement payload, Job job, string path);

    /// <summary>Resuming: puts a saved message in hand, already counted as received (a message waiting for a retry).</summary>
    public abstract void RestoreInHand(System.Text.Json.JsonElement payload, string path);

    /// <summary>Resuming: puts the saved rest of a batch behind the message in hand.</summary>
    public abstract void RestoreBatchRest(IReadOnlyList<System.Text.Json.JsonElement> payloads, string path);

    /// <summary>A snapshot for monitoring.</summary>
    public QueueState Snapshot() => new(Owner.RoutineId, Slot.Name, Count, Capacity, Policy, Dropped);

    /// <summary>Counts a dropped message on the queue and on its job, and counts it out of the job.</summary>
    protected void CountDrop(Job job, bool releasePending)
    {
        Interlocked.Increment(ref _dropped);
        job.RecordDrop(Owner.RoutineId, Slot.Name);
        if (releasePending)
        {
            job.ReleasePending();
        }
        else
        {
            job.ReleasePendingNotLast();
        }
    }
}
