using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Routilux.Observability;

namespace Routilux.Execution;

// ======================================== The cell's concurrency contract ========================================
//
// THE CLAIM. `_scheduled` is 1 while exactly one thread of control owns the cell: a turn on a pool thread, a run on an
// emitter's or caller's thread (fused dispatch, a pass-on, RunAsync), or a continuation that will resume the message in
// hand (an awaiting handler, a wait for room, a retry delay, a batch parked for a pause). It is taken only by a CAS
// 0 -> 1 (Schedule, TryClaimIdle) and given up only by its holder with Interlocked.Exchange -> 0, a full fence
// (TryGoIdle, ReleaseClaim, RecoverFromInternalError), each followed by a look at the queues (rule C3).
//
// ENTRY POINTS where a thread becomes the holder:            and where it stops being it:
//   E1 Execute -> RunTurn (scheduled, or re-queued by a turn)   TryGoIdle (the turn found nothing), or the turn re-queues
//   E2 TryRunInline, TryRunFromCaller (fused dispatch)          ReleaseInlineClaim when the run ends
//   E3 TryTakePassedOn, TryTakePassedBatch (pass-on)            ReleaseInlineClaim in RunPassedOn
//   E4 OnHandlerCompleted (an awaiting handler finished)        by going on into RunTurn
//   E5 OnSpaceSignalled -> ResumeAfterSpace (room downstream)   by going on into RunTurn
//   E6 OnRetryDue (a retry's delay is over, or its job stopped) by going on into RunTurn
//   E7 ContinueParkedBatch (the worker resumed, or the job stopped)
//   E8 A checkpoint's cut (RoutineCell.Checkpoint.cs), while dispatch is stopped: TryHoldForCheckpoint takes the claim
//      of an idle cell (CAS 0 -> 1), or takes over the one continuation of a message that waits, by the handshake that
//      decides it otherwise (C7): the space waiter's arm once AwaitSpace set the wait up (`_spaceHandshake` == 1), F7's
//      `_retryPending` once the retry is armed, F3's `_parkedForPause`. ReleaseFromCheckpoint gives the claim up (F1) or
//      hands the continuation back (re-arms and signals the waiter; re-arms the retry; parks the batch again).
//      Resuming: ClaimForRestore before anything is put back, then ReleaseRestored, which gives the claim up or goes on
//      with a restored waiting message from a fresh work item (ContinueRestored).
// Any thread, never touching the holder's fields: Schedule, ScheduleAfterFence, ScheduleIfWorkWaiting, RequestFlush,
// OnJobStopped, ResumeParkedBatch, Holds, IsBusy, IsRunning, IsClaimed, HasBatchParkedForPause, IsInTurn,
// State, HasQueuedMessages.
//
// RULES, each asserted in DEBUG builds (`AssertClaimed` at every entry point and consumer-only member, the structs'
// `AssertInvariants`, and the C4/C5/C7 asserts where the claim is given up or a wait resumes). A fence pair orders two
// threads, which no assert on one of them can check; the randomized model test (tests/Routilux.Tests/Model) checks
// what they guarantee: no job hangs with work left, none completes before its last message.
//   C1 One holder: every field below marked [holder] is read and written only by the claim's holder.
//   C2 Consumer-only members of the slot queues (SlotQueue) are called only by the holder (they assert AssertClaimed).
//   C3 Nothing is lost at idle: see fence pair F1.
//   C4 Nothing is owed past the claim: releases owed to a turn (OwedReleases) are paid before the claim is given up and
//      before the message in hand goes asynchronous, whose continuation may run on another thread at once; handler runs
//      waiting for a clock reading (RunClock.DeferredRuns) are recorded before those releases are paid, so a job that
//      completes has all its runs in the history.
//   C5 A message that waits (for a handler, room, a retry, a resume) holds a count of its own in its job (OwnPending):
//      it does not ride on its emitter's, which moves on.
//   C6 The job in hand is published before its status is read (MessageInHand.Take, fence pair F2).
//   C7 Exactly one continuation resumes a message that waits: handshakes by interlocked exchange (F3, F5, F7).
//   C8 While a checkpoint holds the cell (E8), no holder's code runs (AssertNotHeldByCheckpoint at E1 and E4-E8): the
//      checkpoint's thread is the holder and reads the holder's fields, the queues as their consumer, the buffers and
//      the outbox. The holder's last writes before the hold were published by the handshake the checkpoint won.
//
// FENCE PAIRS (what each orders):
//   F1 A producer publishes a message (a queue's tail, a flush request) and then reads `_scheduled` after a full fence
//      (SlotQueue.TryEnqueue -> ScheduleAfterFence, RequestFlush -> Schedule's CAS) <-> the holder gives the claim up
//      with a full fence and then looks at the queues (TryGoIdle, ReleaseClaim). Either the producer sees 0 and
//      schedules, or the holder sees the message and claims again.
//   F2 MessageInHand.Take (Volatile.Write of the job in hand, then its status read) <-> Job.FinishIfStoppedAndIdle (status set,
//      a process-wide barrier, then Holds read): a stopped job finishes while its messages still wait, never while
//      one of its handlers may still start.
//   F3 ParkBatch (`_parkedForPause` = 1, full fence, then the pause and the job's status read) <-> Worker.Resume (pause
//      cleared, full fence, ResumeParkedBatch) and a job stopping (status set, full fence, OnJobStopped).
//   F4 CancelIfStopped (a space waiter registered, full fence, the job's status read) <-> a job stopping (status set,
//      full fence, OnJobStopped reads the job in hand and cancels its waiters).
//   F5 `_spaceHandshake` (CAS): AwaitSpace setting the wait up <-> OnSpaceSignalled; whichever comes second resumes.
//   F6 The holder's full fence before WakeStrandedProducers (TryGoIdle, OwnPending) <-> a producer registering a space
//      waiter and then reading the queue's head (the queue's own contract, in SlotQueue.cs).
//   F7 `_retryPending` (exchange): the retry timer <-> the job's cancellation; the first runs the retry.
//   F8 `_blockedAtLength[i]`: Volatile writes in a turn <-> Volatile reads in HasQueuedMessages after F1's fence.
// =================================================================================================================
/// <summary>
/// For generated code; not part of the supported API. One routine instance living in a <see cref="Routilux.Worker"/>:
/// its slot queues, its event outlets and the loop that feeds it one message at a time on the thread pool. It is
/// public only because the generated dispatch and emit methods in users' assemblies call it; user code does not use
/// it (handlers see a <see cref="RoutineContext"/>), and it may change in any release with the generator.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[DebuggerDisplay("{ToString(),nq}: claimed {_scheduled.Value}, hand {_hand}")]
public sealed partial class RoutineCell : IThreadPoolWorkItem
{
    // ---- Set when the worker is built, before any message; read-only after -------------------------------------
    private readonly IRoutine _routine;
    private readonly SlotQueue[] _queues;
    private readonly SlotBuffer?[] _buffers;          // per slot: the activation buffer, or null (Immediate)
    private readonly bool _recordHistory;
    private readonly bool _takesBatches;              // no activation buffers: a batch or a join has its own hand
    private readonly bool _marksRuns;                 // retry/skip drop one run's emits, so runs are marked in the outbox
    private readonly bool _countsRuns;                // automatic checkpoints after N runs: each run is counted on the worker
    private readonly Action _onHandlerCompleted;      // cached: resuming an awaiting handler allocates nothing
    private readonly SpaceWaiter _deliveryWaiter;     // the message's wait for room (resumes via OnSpaceSignalled)
    private readonly SpaceWaiter _emitWaiter = new(); // an async emit's wait for room (awaited by the handler)
    private readonly CellContinuation _resumeAfterSpace;    // E5 from a fresh work item
    private readonly CellContinuation _continueParkedBatch; // E7 from a fresh work item
    private EventOutlet[] _outlets = Array.Empty<EventOutlet>();
    private EventOutlet? _onlyOutlet;                 // a routine with one event (most) may pass its message on
    private readonly HookSet? _hooks;                 // the runtime's hooks; null when none (one check per event)

    // ---- The claim (any thread, CAS) -----------------------------------------------------------------------------
    // Producers on other cores read it for every message they queue: a cache line of its own.
    private PaddedFlag _scheduled;

    // ---- [holder] The message in hand and its run ----------------------------------------------------------------
    private MessageInHand _hand = MessageInHand.Empty; // Job: written with Volatile, read by any thread (C6, F2)
    private RunClock _clock;
    private StreamDetector _stream;
    private OwedReleases _owed;                        // TurnThread: read by any thread (IsInTurn)
    private int _inlineDepth;                          // how deep in a fused chain the hand runs (0: from the pool)
    private bool _outboxDirty;                         // something was emitted since the outbox last went out
    private int _nextSlot;                             // round robin over the slots
    private int _takenInTurn;                          // messages taken this turn, gathered batches included
    private Job? _lastBatchJob;                        // the job of the turn's last batch: a stream while heads are its
    private long _hookedRunStartedAt;                  // hooks only: when the run in hand started (Clock's timestamp)

    // ---- [holder] What a waiting message resumes with (set before the wait, cleared by the one continuation) ------
    private ValueTask _awaitedHandler;                 // E4
    private SlotQueue? _awaitedQueue;                  // E4
    private SlotQueue? _blockedQueue;                  // E5
    private SlotQueue? _retryQueue;                    // E6
    private ITimer? _retryTimer;                       // E6, created at the first delayed retry and reused
    private CancellationTokenRegistration _retryCancellation; // E6
    private SlotQueue? _parkedQueue;                   // E7

    // ---- [holder] A checkpoint (E8, C8) ---------------------------------------------------------------------------
    private CheckpointHold _checkpointHold;            // how a checkpoint holds the cell; None when it does not
    private long _retryDueAt;                          // E6: when the retry waiting is due (a timestamp of Clock)
    private TimeSpan? _restoredRetry;                  // E8: resuming, the delay left of a restored retry
    private readonly CellContinuation _retryDue;       // E6 from a fresh work item (a released retry already due)
    private readonly CellContinuation _continueRestored; // E8 from a fresh work item

    // ---- Handshakes (any thread, interlocked) --------------------------------------------------------------------
    private int _spaceHandshake;                       // F5: 0 neither yet, 1 wait set up, 2 woken first
    private int _retryPending;                         // F7: 1 until the timer or the cancellation runs the retry
    private volatile bool _retryArmed;                 // a retry waits on its timer (tests move a fake clock then)
    private int _parkedForPause;                       // F3: 1 while a batch is parked for a pause

    // ---- Activation buffers: flush requests from any thread; the blocked lengths written in a turn (F8) ----------
    private readonly ConcurrentQueue<(int Slot, Job Job)> _flushRequests = new();
    private readonly int[]? _blockedAtLength;          // per slot: the queue's length when its head was seen blocked, or -1

    internal RoutineCell(Worker worker, FlowRoutine routine, int historyCapacity)
    {
        Worker = worker;
        Routine = routine;
        Clock = worker.Runtime.TimeProvider;

        // Before the queues are made: each copies the hooks, to check them without a hop through the cell.
        _hooks = worker.Runtime.Hooks;
        History = new ExecutionHistory(historyCapacity);
        _recordHistory = worker.Options.RecordHistory;
        _countsRuns = worker.Options.CheckpointAfterRuns > 0;
        _routine = routine.CreateInstance();

        // Named after the routine's class, as ILogger<T> would be, so log filters can use the user's namespaces.
        Logger = worker.Runtime.Loggers.Factory.CreateLogger(routine.Descriptor.RoutineType);
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
        _resumeAfterSpace = new CellContinuation(this, static cell => cell.ResumeAfterSpace());
        _continueParkedBatch = new CellContinuation(this, static cell => cell.ContinueParkedBatch());
        _retryDue = new CellContinuation(this, static cell => cell.OnRetryDue());
        _continueRestored = new CellContinuation(this, static cell => cell.ContinueRestored());
        _routine.Attach(this);
    }

    /// <summary>The id of the routine in its flow.</summary>
    internal string RoutineId => Routine.Id;

    /// <summary>The worker this cell lives in.</summary>
    internal Worker Worker { get; }

    internal FlowRoutine Routine { get; }

    /// <summary>The routine's state after its latest handler run. Written by the holder, read by any thread as a snapshot.</summary>
    internal RoutineState State { get; private set; }

    /// <summary>Whether the cell is claimed: scheduled, running its queue, or running a message inline.</summary>
    internal bool IsRunning => Volatile.Read(ref _scheduled.Value) != 0 && !Worker.DispatchStopped;

    /// <summary>
    /// Whether the cell is claimed, paused or not: scheduled, in a turn, running a message inline, or holding one that
    /// waits. Any thread. Unclaimed after a post means the turn the post asked for has run to its end (tests gate on it).
    /// </summary>
    internal bool IsClaimed => Volatile.Read(ref _scheduled.Value) != 0;

    /// <summary>Whether the rest of a batch waits in hand for the worker's resume (F3). Any thread.</summary>
    internal bool HasBatchParkedForPause => Volatile.Read(ref _parkedForPause) == 1;

    /// <summary>Whether a thread is running a turn of the cell now (not merely scheduled, parked, or run inline). Any thread.</summary>
    internal bool IsInTurn => Volatile.Read(ref _owed.TurnThread) != 0;

    /// <summary>Whether a message is in hand (running, retrying, or waiting for room downstream).</summary>
    internal bool IsBusy => Volatile.Read(ref _hand.Job) is not null;

    /// <summary>Whether a batch may be passed on to this cell (<see cref="TryTakePassedBatch"/>).</summary>
    internal bool TakesBatches => _takesBatches;

    /// <summary>Whether a retry is waiting on its timer; lets tests move a fake clock only once the timer is set.</summary>
    internal bool IsWaitingForRetry => _retryArmed;

    internal ExecutionHistory History { get; }

    /// <summary>The logger handlers reach through <see cref="RoutineContext.Logger"/>.</summary>
    internal ILogger Logger { get; }

    /// <summary>The runtime's hooks, or <see langword="null"/> when none is registered.</summary>
    internal HookSet? Hooks => _hooks;

    /// <summary>The runtime's clock.</summary>
    internal TimeProvider Clock { get; }

    /// <summary>Now, as a timestamp of the runtime's clock.</summary>
    internal long Now => Clock.GetTimestamp();

    internal IRoutine Instance => _routine;

    internal string CurrentSlotName => _hand.Slot >= 0 ? Routine.Descriptor.Slots[_hand.Slot].Name : string.Empty;

    internal SlotQueue Queue(int slot) => _queues[slot];

    internal IReadOnlyList<SlotQueue> Queues => _queues;

    internal void ConnectOutlets(EventOutlet[] outlets)
    {
        _outlets = outlets;
        _onlyOutlet = outlets.Length == 1 ? outlets[0] : null;
    }

    /// <summary>
    /// DEBUG builds: asserts that the caller may act as this cell's consumer, which only the holder of the cell's claim
    /// may (rules C1 and C2).
    /// </summary>
    [Conditional("DEBUG")]
    internal void AssertClaimed() =>
        Debug.Assert(Volatile.Read(ref _scheduled.Value) != 0, $"{this}: consumer-only code ran without the cell's claim.");

    /// <summary>DEBUG builds: asserts the invariants of the holder's state (the hand, owed releases, the stream detector).</summary>
    [Conditional("DEBUG")]
    private void AssertInvariants()
    {
        AssertClaimed();
        _hand.AssertInvariants();
        _owed.AssertInvariants();
        _stream.AssertInvariants();
        Debug.Assert(_inlineDepth >= 0 && _inlineDepth <= Tuning.MaxInlineDepth + 1, "The inline depth is out of range.");
    }

    /// <inheritdoc />
    public override string ToString() => $"{Worker.Flow.Id}/{RoutineId}";
}
