using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Routilux.Execution;

/// <summary>
/// For generated code; not part of the supported API. One routine instance living in a <see cref="Routilux.Worker"/>:
/// its slot queues, its event outlets and the loop that feeds it one message at a time on the thread pool. It is
/// public only because the generated dispatch and emit methods in users' assemblies call it; user code does not use
/// it (handlers see a <see cref="RoutineContext"/>), and it may change in any release with the generator.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed partial class RoutineCell : IThreadPoolWorkItem
{
    private readonly IRoutine _routine;
    private readonly SlotQueue[] _queues;
    private EventOutlet[] _outlets = Array.Empty<EventOutlet>();

    // The outlet of a routine with a single event (most), which may pass its message on (see RunPassedOn).
    private EventOutlet? _onlyOutlet;

    // 1 while the cell is claimed: scheduled on the pool, running, or run inline. Producers on other cores read it
    // for every message they queue, so it lives on its own cache line, away from the fields the cell writes per message.
    private PaddedFlag _scheduled;
    private int _nextSlot;
    private bool _outboxDirty;
    private Job? _currentJob;
    private int _currentSlot = -1;

    // State of the one message in hand while it waits (for an async handler, or for room in a full queue).
    private readonly Action _onHandlerCompleted;
    private readonly SpaceWaiter _deliveryWaiter;
    private readonly SpaceWaiter _emitWaiter = new();
    private ValueTask _awaitedHandler;
    private SlotQueue? _awaitedQueue;
    private SlotQueue? _blockedQueue;

    private readonly bool _recordHistory;
    private int _attempt;

    internal RoutineCell(Worker worker, FlowRoutine routine, int historyCapacity)
    {
        Worker = worker;
        Routine = routine;
        Clock = worker.Runtime.TimeProvider;
        History = new ExecutionHistory(historyCapacity);
        _recordHistory = worker.Options.RecordHistory;
        _routine = routine.CreateInstance();
        var slots = routine.Descriptor.Slots;
        _queues = new SlotQueue[slots.Count];
        for (var i = 0; i < _queues.Length; i++)
        {
            _queues[i] = slots[i].CreateQueue(this, routine.GetCapacity(i), routine.GetQueuePolicy(i));
        }

        _buffers = new SlotBuffer?[_queues.Length];
        for (var i = 0; i < _queues.Length; i++)
        {
            if (slots[i].Activation.Kind != ActivationKind.Immediate)
            {
                _buffers[i] = slots[i].CreateBuffer(this, _queues[i]);
                HasBuffers = true;
            }
        }

        if (HasBuffers)
        {
            _blockedAtLength = new int[_queues.Length];
            Array.Fill(_blockedAtLength, -1);
        }

        _takesBatches = !HasBuffers;
        _marksRuns = routine.ErrorPolicy.Strategy is ErrorStrategy.Retry or ErrorStrategy.Skip;
        _onHandlerCompleted = OnHandlerCompleted;
        _deliveryWaiter = new SpaceWaiter(OnSpaceSignalled);
        _routine.Attach(this);
    }

    /// <summary>The id of the routine in its flow.</summary>
    internal string RoutineId => Routine.Id;

    /// <summary>The worker this cell lives in.</summary>
    internal Worker Worker { get; }

    internal FlowRoutine Routine { get; }

    /// <summary>The routine's state after its latest handler run.</summary>
    internal RoutineState State { get; private set; }

    /// <summary>Whether the cell is claimed: scheduled, running its queue, or running a message inline.</summary>
    internal bool IsRunning => Volatile.Read(ref _scheduled.Value) != 0 && !Worker.IsPaused;

    /// <summary>Whether a thread is running a turn of the cell now (not merely scheduled, parked, or run inline).</summary>
    internal bool IsInTurn => Volatile.Read(ref _turnThread) != 0;

    /// <summary>
    /// DEBUG builds: asserts that the caller may act as this cell's consumer, which only the holder of the cell's claim
    /// may (the claim is taken by <see cref="Schedule"/>, fused dispatch or a pass-on, and given up by going idle).
    /// </summary>
    [System.Diagnostics.Conditional("DEBUG")]
    internal void AssertClaimed() =>
        System.Diagnostics.Debug.Assert(Volatile.Read(ref _scheduled.Value) != 0, $"{this}: consumer-only code ran without the cell's claim.");

    /// <summary>Whether a message is in hand (running, retrying, or waiting for room downstream).</summary>
    internal bool IsBusy => Volatile.Read(ref _currentJob) is not null;

    internal ExecutionHistory History { get; }

    /// <summary>The runtime's clock.</summary>
    internal TimeProvider Clock { get; }

    /// <summary>Now, as a timestamp of the runtime's clock.</summary>
    internal long Now => Clock.GetTimestamp();

    internal IRoutine Instance => _routine;

    internal string CurrentSlotName => _currentSlot >= 0 ? Routine.Descriptor.Slots[_currentSlot].Name : string.Empty;

    /// <summary>For generated code; not part of the supported API. The context of the message being handled.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public RoutineContext Context => new(this, CurrentJob);

    /// <summary>For generated code; not part of the supported API. The cancellation token of the job being handled.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public CancellationToken CancellationToken => CurrentJob.CancellationToken;

    private Job CurrentJob => _currentJob ?? throw OutsideHandler();

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void ThrowOutsideHandler() => throw OutsideHandler();

    private InvalidOperationException OutsideHandler() => new(
        $"Routine '{Routine.Id}' in flow '{Worker.Flow.Id}' used its context outside a slot handler. Emits and contexts are only valid " +
        "on the handler's own call path while it handles a message; do not keep them for later or use them from other threads.");

    internal SlotQueue Queue(int slot) => _queues[slot];

    internal IReadOnlyList<SlotQueue> Queues => _queues;

    internal void ConnectOutlets(EventOutlet[] outlets)
    {
        _outlets = outlets;
        _onlyOutlet = outlets.Length == 1 ? outlets[0] : null;
    }

    /// <summary>For generated code; not part of the supported API. The payload of the message being handled on slot <paramref name="slot"/>.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Payload<T>(int slot) => Unsafe.As<SlotQueue<T>>(_queues[slot]).InHandPayload;

    /// <summary>For generated code; not part of the supported API. Emits <paramref name="payload"/> on event <paramref name="event"/>; delivered when the handler returns.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void Emit<T>(int @event, T payload)
    {
        if (_currentJob is null)
        {
            ThrowOutsideHandler();
        }

        var outlet = Unsafe.As<EventOutlet<T>>(_outlets[@event]);
        if (outlet.IsConnected)
        {
            outlet.Add(payload);
            _outboxDirty = true;
        }
    }

    /// <summary>
    /// For generated code; not part of the supported API. Emits <paramref name="payload"/> on event
    /// <paramref name="event"/> and delivers the outbox now, waiting while a target queue is full.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public ValueTask EmitAsync<T>(int @event, T payload)
    {
        Emit(@event, payload);
        return DeliverOutboxAsync(CurrentJob);
    }

    /// <summary>For generated code; not part of the supported API. Returns <paramref name="cell"/>, or explains that an emit was called outside a worker.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static RoutineCell EnsureAttached(RoutineCell? cell, string routine, string emitMethod) =>
        cell ?? throw NotAttached(routine, emitMethod);

    // Kept out of line: inlined into every emit, the message formatting would cost each hop a larger stack frame.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static InvalidOperationException NotAttached(string routine, string emitMethod) => new(
        $"'{routine}.{emitMethod}' was called on a routine instance that is not running in a flow. A routine emits only while a worker " +
        "runs it: add it to a FlowBuilder, create a worker with Runtime.CreateWorker and post a job.");

    /// <summary>For generated code; not part of the supported API. The error for a slot index the generated dispatch does not know.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static Exception UnknownSlot(string routine, int slot) =>
        new ArgumentOutOfRangeException(nameof(slot), slot, $"Routine '{routine}' has no slot number {slot}; its generated code is out of date. Rebuild the project.");

    /// <summary>Makes sure the cell will run: called after a message is queued for it.</summary>
    internal void Schedule()
    {
        // Always a CAS, never a plain read first: it is the fence that pairs with the one in TryGoIdle.
        if (Interlocked.CompareExchange(ref _scheduled.Value, 1, 0) == 0)
        {
            Dispatch();
        }
    }

    /// <summary>
    /// <see cref="Schedule"/> for a producer that has just made a full fence after queueing (a slot queue's lock
    /// release): the fence pairs with TryGoIdle's, so a plain read may come first. A cell that is already running
    /// is then only read, not written, and its flag's cache line stays shared instead of bouncing between cores.
    /// </summary>
    internal void ScheduleAfterFence(bool preferLocal)
    {
        if (Volatile.Read(ref _scheduled.Value) == 0 && Interlocked.CompareExchange(ref _scheduled.Value, 1, 0) == 0)
        {
            Dispatch(preferLocal);
        }
    }

    // By default the local queue: a message posted from a pool thread is then handled by that same thread once it
    // yields, with no cross-thread wake-up; idle threads still steal it when this one stays busy.
    private void Dispatch(bool preferLocal = true) => ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal);

    /// <summary>Schedules the cell if messages are waiting: used when a pause ends.</summary>
    internal void ScheduleIfWorkWaiting()
    {
        if (HasQueuedMessages())
        {
            Schedule();
        }
    }

    /// <summary>
    /// Whether any slot queue holds a message; used to decide whether the cell may go idle. Any thread: it is read
    /// right after the claim is given up, when another thread may already be the consumer.
    /// </summary>
    private bool HasQueuedMessages()
    {
        // Only buffering routines ever get flush requests; skip the concurrent queue's check on the hot path.
        if (HasBuffers && !_flushRequests.IsEmpty)
        {
            return true;
        }

        for (var i = 0; i < _queues.Length; i++)
        {
            if (_queues[i].HasPublishedHead() && MayBeTakeable(i))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Picks the next slot with a message, round robin so one busy slot cannot starve the others.</summary>
    private SlotQueue? NextQueue()
    {
        var count = _queues.Length;
        for (var i = 0; i < count; i++)
        {
            var index = _nextSlot + i;
            if (index >= count)
            {
                index -= count;
            }

            var queue = _queues[index];
            if (queue.HasQueued && IsTakeable(index))
            {
                _currentSlot = index;
                _nextSlot = index + 1 == count ? 0 : index + 1;
                return queue;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Worker.Flow.Id}/{RoutineId}";
}
