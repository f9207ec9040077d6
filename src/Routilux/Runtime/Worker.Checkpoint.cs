using System.Diagnostics;
using Routilux.Execution;

namespace Routilux;

// Checkpoints: a consistent, quiescent snapshot of the worker (docs/durable-state.md, "Checkpoints and the guarantee").
// Dispatch stops (CheckpointPause, apart from the user's pause), every cell is held (the cell's E8: idle cells by their
// claim, waiting messages by their continuation), the cut is captured, dispatch resumes, and only then are the
// messages serialized and the document written and saved. Checkpoints of one worker run one at a time.
public sealed partial class Worker
{
    // One checkpoint at a time, automatic or asked for; never held by a cell's thread.
    private readonly SemaphoreSlim _checkpointGate = new(1, 1);

    // The last sequence given to a checkpoint (taken or failed); a resumed worker starts from its checkpoint's.
    private long _checkpointSequence;
    private long _lastCheckpointSequence;
    private Exception? _lastCheckpointError;

    // Automatic checkpoints: handler runs since the last one started, and 1 while one runs.
    private long _runsSinceCheckpoint;
    private int _automaticCheckpointRunning;
    private ITimer? _checkpointTimer;

    /// <summary>
    /// The sequence of the last checkpoint this worker took successfully (saved, when <see cref="WorkerOptions.Store"/>
    /// is set), or the one it was resumed from; 0 when none.
    /// </summary>
    public long LastCheckpointSequence => Interlocked.Read(ref _lastCheckpointSequence);

    /// <summary>
    /// Why the latest automatic checkpoint failed (for example the store threw), or <see langword="null"/> when it
    /// succeeded or none ran. A failing automatic checkpoint never stops the worker: its jobs go on, and the next
    /// automatic checkpoint tries again.
    /// </summary>
    public Exception? LastCheckpointError => Volatile.Read(ref _lastCheckpointError);

    /// <summary>
    /// Takes a consistent snapshot of the worker and returns it; saves it to <see cref="WorkerOptions.Store"/> first
    /// when one is set. Dispatch stops while the snapshot is taken (posts and emits still queue), running handlers
    /// finish first, and every message is then either queued in the snapshot or applied to its routine's state, never
    /// both. Checkpoints of a worker run one at a time: a second call waits for the first.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting for running handlers (dispatch then resumes), or cancels the save.</param>
    /// <returns>The checkpoint: its sequence, and its document (a versioned JSON envelope, see docs/durable-state.md).</returns>
    /// <exception cref="InvalidOperationException">The worker was cancelled; it has no jobs left to save.</exception>
    /// <exception cref="RoutiluxSerializationException">A queued message's payload type or a routine's state cannot be saved; the message names it.</exception>
    public async Task<WorkerCheckpoint> CheckpointAsync(CancellationToken cancellationToken = default)
    {
        await _checkpointGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfCancelledForCheckpoint();
            var capture = await CaptureAsync(cancellationToken).ConfigureAwait(false);

            // A worker cancelled during the cut dropped its jobs: a snapshot of it would bring them back.
            ThrowIfCancelledForCheckpoint();
            var document = CheckpointDocument.Write(capture, Flow);
            var checkpoint = new WorkerCheckpoint(Id, capture.Sequence, Flow.Id, capture.CreatedAt, document);
            if (Options.Store is { } store)
            {
                await store.SaveCheckpointAsync(checkpoint, cancellationToken).ConfigureAwait(false);
            }

            Interlocked.Exchange(ref _lastCheckpointSequence, capture.Sequence);
            return checkpoint;
        }
        finally
        {
            _checkpointGate.Release();
        }
    }

    /// <summary>Finds a running job by id: after <see cref="Runtime.ResumeWorkerAsync"/>, the restored jobs are found here.</summary>
    /// <param name="jobId">The job's id.</param>
    /// <param name="job">The job, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the worker runs a job with that id.</returns>
    public bool TryGetJob(string jobId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Job? job)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        return _activeJobs.TryGetValue(jobId, out job);
    }

    private void ThrowIfCancelledForCheckpoint()
    {
        if (IsCancelled)
        {
            throw new InvalidOperationException(
                $"Worker '{Id}' of flow '{Flow.Id}' was cancelled ({CancellationReason}), so it has no jobs left to checkpoint; its last checkpoint " +
                $"({LastCheckpointSequence}) is kept. Resume from that one, or create a new worker.");
        }
    }

    /// <summary>Stops dispatch, holds every cell, captures the cut and lets everything go on.</summary>
    private async Task<WorkerCapture> CaptureAsync(CancellationToken cancellationToken)
    {
        var held = new bool[_cells.Length];
        StopDispatchForCheckpoint();
        try
        {
            for (var look = 0; !TryHoldAll(held); look++)
            {
                if (_cells.Any(c => c.IsBlockedInAsyncEmit))
                {
                    // A handler waits for room in an async emit, which only a running consumer can make: let dispatch go
                    // on for a moment, then stop it again.
                    ReleaseHeld(held);
                    RestartDispatchAfterCheckpoint();
                    await Task.Delay(1, cancellationToken).ConfigureAwait(false);
                    StopDispatchForCheckpoint();
                    continue;
                }

                // Handlers still run: yield a few times (most end within microseconds), then poll each millisecond.
                if (look < 16)
                {
                    await Task.Yield();
                    cancellationToken.ThrowIfCancellationRequested();
                }
                else
                {
                    await Task.Delay(1, cancellationToken).ConfigureAwait(false);
                }
            }

            return Capture();
        }
        finally
        {
            ReleaseHeld(held);
            RestartDispatchAfterCheckpoint();
        }
    }

    private void StopDispatchForCheckpoint() => Interlocked.Or(ref _dispatchStops, CheckpointPause);

    private void RestartDispatchAfterCheckpoint()
    {
        // The user's pause may have ended meanwhile (Resume left dispatch stopped for us) or begun (it stays stopped).
        var stops = Interlocked.And(ref _dispatchStops, ~CheckpointPause) & ~CheckpointPause;
        if (stops == 0)
        {
            RestartDispatch();
        }
    }

    private bool TryHoldAll(bool[] held)
    {
        var all = true;
        for (var i = 0; i < _cells.Length; i++)
        {
            if (!held[i])
            {
                held[i] = _cells[i].TryHoldForCheckpoint();
                all &= held[i];
            }
        }

        return all;
    }

    private void ReleaseHeld(bool[] held)
    {
        for (var i = 0; i < _cells.Length; i++)
        {
            if (held[i])
            {
                held[i] = false;
                _cells[i].ReleaseFromCheckpoint();
            }
        }
    }

    /// <summary>The cut itself: every cell is held, so nothing in the flow moves; only posts from outside may still queue behind it.</summary>
    private WorkerCapture Capture()
    {
        Debug.Assert(DispatchStopped, "A checkpoint's cut while dispatch runs.");

        // Jobs first: a message captured below whose job opened after this line belongs after the cut, and is left out.
        var jobs = _activeJobs.Values.Where(j => j.Status == JobStatus.Running)
            .OrderBy(j => j.StartedAt).ThenBy(j => j.Id, StringComparer.Ordinal).ToList();
        var jobSet = new HashSet<Job>(jobs);
        var routines = new RoutineCapture[_cells.Length];
        for (var i = 0; i < _cells.Length; i++)
        {
            routines[i] = _cells[i].Capture(jobSet);
        }

        return new WorkerCapture
        {
            WorkerId = Id,
            Sequence = Interlocked.Increment(ref _checkpointSequence),
            CreatedAt = Runtime.TimeProvider.GetUtcNow(),
            Paused = IsPaused,
            PauseReason = IsPaused ? PauseReason : null,
            JobSequence = Interlocked.Read(ref _jobSequence),
            Jobs = jobs,
            Routines = routines,
            History = History,
        };
    }

    // ---- Automatic checkpoints ---------------------------------------------------------------------------------------

    /// <summary>Counts a handler run toward <see cref="WorkerOptions.CheckpointAfterRuns"/>; called only when it is set.</summary>
    internal void CountRun()
    {
        if (Interlocked.Increment(ref _runsSinceCheckpoint) >= Options.CheckpointAfterRuns)
        {
            StartAutomaticCheckpoint();
        }
    }

    private void StartAutomaticCheckpointTimer()
    {
        if (Options.CheckpointInterval is { } interval)
        {
            _checkpointTimer = Runtime.TimeProvider.CreateTimer(static s => ((Worker)s!).StartAutomaticCheckpoint(), this, interval, interval);
        }
    }

    /// <summary>Starts an automatic checkpoint on the thread pool unless one runs: never on a cell's thread, which the cut waits for.</summary>
    private void StartAutomaticCheckpoint()
    {
        if (IsCancelled || Interlocked.CompareExchange(ref _automaticCheckpointRunning, 1, 0) != 0)
        {
            return;
        }

        Interlocked.Exchange(ref _runsSinceCheckpoint, 0);
        _ = Task.Run(RunAutomaticCheckpointAsync);
    }

    private async Task RunAutomaticCheckpointAsync()
    {
        try
        {
            await CheckpointAsync(CancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _lastCheckpointError, null);
        }
        catch (Exception ex)
        {
            // Kept for the host to see; the worker goes on, and the next automatic checkpoint tries again.
            Volatile.Write(ref _lastCheckpointError, ex);
            Observability.RoutiluxLog.CheckpointFailed(Runtime.Loggers.Worker, ex, Id, Flow.Id);
        }
        finally
        {
            Volatile.Write(ref _automaticCheckpointRunning, 0);
        }
    }
}
