using Routilux.Execution;

namespace Routilux;

// Status, pause and resume, closing, the inactivity timeout, and what the worker records.
public sealed partial class Worker
{
    private readonly ITimer? _inactivityTimer;

    // Why dispatch is stopped: UserPause (Pause/Resume) and CheckpointPause (a checkpoint's cut, see
    // Worker.Checkpoint.cs), bits set and cleared with interlocked operations so that either may end first. The engine
    // reads it as one field (DispatchStopped) on its hot paths, as it read the pause flag alone before.
    private const int UserPause = 1;
    private const int CheckpointPause = 2;
    private int _dispatchStops;
    private volatile bool _closing;
    private int _terminalStatus = -1;
    private long _lastActivity;

    /// <summary>The worker's status.</summary>
    public WorkerStatus Status
    {
        get
        {
            if (IsCancelled)
            {
                return WorkerStatus.Cancelled;
            }

            var terminal = Volatile.Read(ref _terminalStatus);
            if (terminal >= 0)
            {
                return (WorkerStatus)terminal;
            }

            return IsPaused ? WorkerStatus.Paused : _activeJobs.IsEmpty ? WorkerStatus.Idle : WorkerStatus.Running;
        }
    }

    /// <summary>Whether the worker is paused.</summary>
    public bool IsPaused => (Volatile.Read(ref _dispatchStops) & UserPause) != 0;

    /// <summary>
    /// Whether no routine may take a new message now: the user paused the worker, or a checkpoint is taking its cut.
    /// What the engine reads wherever it used to read the pause. Any thread.
    /// </summary>
    internal bool DispatchStopped => Volatile.Read(ref _dispatchStops) != 0;

    /// <summary>Why the worker was paused, or <see langword="null"/>.</summary>
    public string? PauseReason { get; private set; }

    /// <summary>How many jobs have finished, whatever their status.</summary>
    public long JobsProcessed => JobsCompleted + JobsFailed + JobsCancelled;

    /// <summary>The settings the worker was created with.</summary>
    public WorkerOptions Options { get; }

    /// <summary>
    /// Pauses the worker: handlers already running finish, but no routine takes a new message. Messages that arrive
    /// meanwhile are held in their queues (bounded as ever), never dropped. Timeouts keep counting. A job that stops
    /// meanwhile (cancelled, timed out, or the runtime disposed) has its held messages dropped without running them
    /// and completes, except for those queued behind another job's, which wait for <see cref="Resume"/>.
    /// </summary>
    /// <param name="reason">Why, for <see cref="PauseReason"/>.</param>
    public void Pause(string? reason = null)
    {
        PauseReason = reason ?? "Paused.";
        Interlocked.Or(ref _dispatchStops, UserPause);
        Observability.RoutiluxLog.WorkerPaused(Runtime.Loggers.Worker, Id, Flow.Id, PauseReason);
    }

    /// <summary>Resumes a paused worker: every held message is delivered, exactly once, in its queue's order.</summary>
    public void Resume()
    {
        // Interlocked, a full fence: it pairs with the one a cell makes as it parks a batch for the pause, so either
        // the cell sees the pause over or this loop sees it parked. While a checkpoint takes its cut, dispatch stays
        // stopped: the checkpoint's end restarts it.
        var stops = Interlocked.And(ref _dispatchStops, ~UserPause) & ~UserPause;
        PauseReason = null;
        Observability.RoutiluxLog.WorkerResumed(Runtime.Loggers.Worker, Id, Flow.Id);
        Touch();
        if (stops == 0)
        {
            RestartDispatch();
        }
    }

    /// <summary>Dispatch may go on (no pause, no checkpoint): batches parked for the pause go on, and waiting messages are scheduled.</summary>
    private void RestartDispatch()
    {
        foreach (var cell in _cells)
        {
            cell.ResumeParkedBatch();
            cell.ScheduleIfWorkWaiting();
        }
    }

    /// <summary>
    /// Closes the worker gracefully: it accepts no new jobs, waits for its running jobs to finish, then reports
    /// <see cref="WorkerStatus.Completed"/>.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting (it does not cancel the jobs).</param>
    public async Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        _closing = true;
        await WhenIdleAsync(cancellationToken).ConfigureAwait(false);
        Interlocked.CompareExchange(ref _terminalStatus, (int)WorkerStatus.Completed, -1);
        _inactivityTimer?.Dispose();
    }

    /// <summary>The latest handler runs of every routine, oldest first, at most <see cref="WorkerOptions.HistoryCapacity"/>.</summary>
    public IReadOnlyList<HandlerRun> History
    {
        get
        {
            var clock = Runtime.TimeProvider;
            var now = clock.GetUtcNow();
            var nowTimestamp = clock.GetTimestamp();
            var runs = new List<HandlerRun>();
            foreach (var cell in _cells)
            {
                cell.History.CopyTo(runs, cell, clock, now, nowTimestamp);
            }

            runs.Sort(static (a, b) => a.StartedAt.CompareTo(b.StartedAt));
            return runs.Count <= Options.HistoryCapacity ? runs : runs.GetRange(runs.Count - Options.HistoryCapacity, Options.HistoryCapacity);
        }
    }

    /// <summary>The state of each routine after its latest handler run, by routine id.</summary>
    public IReadOnlyDictionary<string, RoutineState> RoutineStates =>
        _cells.ToDictionary(c => c.RoutineId, c => c.State, StringComparer.Ordinal);

    /// <summary>A snapshot of every slot queue: length, capacity, pressure level, policy and drops.</summary>
    public IReadOnlyList<QueueState> QueueStates =>
        _cells.SelectMany(c => c.Queues.Select(q => q.Snapshot())).ToList();

    /// <summary>A snapshot of one slot queue.</summary>
    /// <exception cref="KeyNotFoundException">The flow has no such routine or slot.</exception>
    public QueueState GetQueueState(string routineId, string slotName)
    {
        var routine = Flow.FindRoutine(routineId)
            ?? throw new KeyNotFoundException($"Flow '{Flow.Id}' has no routine '{routineId}'. Its routines: {string.Join(", ", Flow.Routines.Select(r => r.Id))}.");
        var slot = routine.Descriptor.FindSlot(slotName)
            ?? throw new KeyNotFoundException($"Routine '{routineId}' has no slot '{slotName}'. Its slots: {string.Join(", ", routine.Descriptor.Slots.Select(s => s.Name))}.");
        return _cells[routine.Index].Queue(slot.Index).Snapshot();
    }

    /// <summary>Marks activity now, for the inactivity timeout.</summary>
    internal void Touch() => Volatile.Write(ref _lastActivity, Runtime.TimeProvider.GetTimestamp());

    internal bool AcceptsJobs => !_closing && Volatile.Read(ref _terminalStatus) < 0 && !IsCancelled;

    private void ThrowIfNotAccepting()
    {
        if (IsCancelled)
        {
            throw new InvalidOperationException($"Worker '{Id}' of flow '{Flow.Id}' was cancelled ({CancellationReason}); it accepts no new jobs. Create a new worker.");
        }

        if (!AcceptsJobs)
        {
            throw new InvalidOperationException($"Worker '{Id}' of flow '{Flow.Id}' is {Status} and accepts no new jobs. Create a new worker.");
        }
    }

    private ITimer? StartInactivityTimer()
    {
        if (Options.InactivityTimeout is not { } timeout)
        {
            return null;
        }

        Touch();

        // Created disarmed and armed once assigned, so the callback never sees the field unset.
        var timer = Runtime.TimeProvider.CreateTimer(static s => ((Worker)s!).CheckInactivity(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        return timer;
    }

    private void CheckInactivity()
    {
        var timeout = Options.InactivityTimeout!.Value;
        if (Volatile.Read(ref _terminalStatus) >= 0 || IsCancelled)
        {
            return;
        }

        // A handler still running is activity: a busy worker never times out.
        if (_cells.Any(c => c.IsBusy))
        {
            Touch();
            _inactivityTimer!.Change(timeout, Timeout.InfiniteTimeSpan);
            return;
        }

        var quiet = Runtime.TimeProvider.GetElapsedTime(Volatile.Read(ref _lastActivity));
        if (quiet < timeout)
        {
            _inactivityTimer!.Change(timeout - quiet, Timeout.InfiniteTimeSpan);
            return;
        }

        var status = _activeJobs.IsEmpty ? WorkerStatus.Completed : WorkerStatus.Failed;
        if (Interlocked.CompareExchange(ref _terminalStatus, (int)status, -1) != -1)
        {
            return;
        }

        Observability.RoutiluxLog.WorkerTimedOut(Runtime.Loggers.Worker, Id, Flow.Id, timeout.TotalMilliseconds);
        var error = new TimeoutException(
            $"Worker '{Id}' of flow '{Flow.Id}' had no activity for {timeout.TotalMilliseconds} ms (its inactivity timeout) and was closed.");
        foreach (var job in _activeJobs.Values)
        {
            job.Fail(error);
        }
    }
}
