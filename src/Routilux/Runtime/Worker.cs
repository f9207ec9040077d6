using System.Collections.Concurrent;
using Routilux.Execution;

namespace Routilux;

/// <summary>
/// A live instance of a <see cref="Routilux.Flow"/>: one instance of each routine with its queues and state. Jobs are
/// posted into a worker; several jobs may run in one worker at once, each tracked on its own.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The CancellationTokenSource has no timer and is not linked, so it holds nothing that needs disposing.")]
public sealed partial class Worker
{
    private readonly RoutineCell[] _cells;
    private readonly ConcurrentDictionary<string, Job> _activeJobs = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _cancellation = new();
    private readonly CancellationTokenRegistration _runtimeRegistration;

    // Disposed with the worker, so a long-lived caller token does not keep a removed worker reachable.
    private readonly CancellationTokenRegistration _callerRegistration;
    private long _jobSequence;
    private long _jobsCompleted;
    private long _jobsFailed;
    private long _jobsCancelled;

    internal Worker(Runtime runtime, Flow flow, string id, WorkerOptions options, CancellationToken cancellationToken)
    {
        Runtime = runtime;
        Flow = flow;
        Id = id;
        Options = options;
        _cells = new RoutineCell[flow.Routines.Count];
        for (var i = 0; i < _cells.Length; i++)
        {
            _cells[i] = new RoutineCell(this, flow.Routines[i], options.HistoryCapacity);
        }

        ConnectOutlets();
        _runtimeRegistration = runtime.CancellationToken.UnsafeRegister(static s => ((Worker)s!).Cancel("The runtime was disposed."), this);
        if (cancellationToken.CanBeCanceled)
        {
            _callerRegistration = cancellationToken.UnsafeRegister(static s => ((Worker)s!).Cancel("The worker's cancellation token was cancelled."), this);
        }

        _inactivityTimer = StartInactivityTimer();
    }

    /// <summary>Arms the worker's timers once it is registered (and, when resumed, restored).</summary>
    internal void Start()
    {
        _inactivityTimer?.Change(Options.InactivityTimeout!.Value, Timeout.InfiniteTimeSpan);
        StartAutomaticCheckpointTimer();
    }

    /// <summary>The worker's id, unique within its runtime.</summary>
    public string Id { get; }

    /// <summary>The flow the worker runs.</summary>
    public Flow Flow { get; }

    /// <summary>The runtime hosting the worker.</summary>
    public Runtime Runtime { get; }

    /// <summary>Whether the worker was cancelled; a cancelled worker accepts no new jobs.</summary>
    public bool IsCancelled => _cancellation.IsCancellationRequested;

    /// <summary>The jobs that are still running.</summary>
    public IReadOnlyCollection<Job> ActiveJobs => (IReadOnlyCollection<Job>)_activeJobs.Values;

    /// <summary>How many jobs finished as <see cref="JobStatus.Completed"/>.</summary>
    public long JobsCompleted => Interlocked.Read(ref _jobsCompleted);

    /// <summary>How many jobs finished as <see cref="JobStatus.Failed"/>.</summary>
    public long JobsFailed => Interlocked.Read(ref _jobsFailed);

    /// <summary>How many jobs finished as <see cref="JobStatus.Cancelled"/>.</summary>
    public long JobsCancelled => Interlocked.Read(ref _jobsCancelled);

    internal CancellationToken CancellationToken => _cancellation.Token;

    /// <summary>
    /// The routine instance with id <paramref name="routineId"/>, for inspection and tests. Prefer
    /// <see cref="GetRoutine{TRoutine}(string)"/> when the routine's type is known.
    /// </summary>
    /// <param name="routineId">The routine's id in the flow.</param>
    /// <returns>This worker's instance of the routine.</returns>
    /// <exception cref="KeyNotFoundException">The flow has no routine with that id.</exception>
    public object GetRoutine(string routineId)
    {
        ArgumentNullException.ThrowIfNull(routineId);
        return (Flow.FindRoutine(routineId) is { } routine ? _cells[routine.Index].Instance : null)
            ?? throw new KeyNotFoundException(
                $"Flow '{Flow.Id}' has no routine '{routineId}' (worker '{Id}'). Its routines: {string.Join(", ", Flow.Routines.Select(r => r.Id))}.");
    }

    /// <summary>
    /// The routine instance with id <paramref name="routineId"/> as a <typeparamref name="TRoutine"/>, for
    /// inspection and tests: <c>worker.GetRoutine&lt;WordCounter&gt;("counter").Counts</c>.
    /// </summary>
    /// <typeparam name="TRoutine">The routine's class, or a class or interface it derives from.</typeparam>
    /// <param name="routineId">The routine's id in the flow.</param>
    /// <returns>This worker's instance of the routine.</returns>
    /// <exception cref="KeyNotFoundException">The flow has no routine with that id.</exception>
    /// <exception cref="InvalidCastException">The routine is not a <typeparamref name="TRoutine"/>; the message names both types.</exception>
    public TRoutine GetRoutine<TRoutine>(string routineId)
        where TRoutine : class
    {
        var routine = GetRoutine(routineId);
        return routine as TRoutine ?? throw new InvalidCastException(
            $"Routine '{routineId}' of worker '{Id}' (flow '{Flow.Id}') is a {TypeNames.Qualified(routine.GetType())}, not a " +
            $"{TypeNames.Qualified(typeof(TRoutine))}. Ask for GetRoutine<{TypeNames.Display(routine.GetType())}>(\"{routineId}\"), or check the routine id.");
    }

    /// <summary>
    /// Cancels the worker and every job in it, with <paramref name="reason"/>. Handlers see their cancellation token
    /// signalled; queued messages are dropped. Does nothing the second time.
    /// </summary>
    public void Cancel(string? reason = null)
    {
        if (_cancellation.IsCancellationRequested)
        {
            return;
        }

        CancellationReason = reason ?? "Cancelled.";
        Observability.RoutiluxLog.WorkerCancelled(Runtime.Loggers.Worker, Id, Flow.Id, CancellationReason);
        _cancellation.Cancel();
    }

    /// <summary>Why the worker was cancelled, or <see langword="null"/>.</summary>
    public string? CancellationReason { get; private set; }

    /// <summary>Completes when no job of this worker is running (jobs started meanwhile are waited for too).</summary>
    public async Task WhenIdleAsync(CancellationToken cancellationToken = default)
    {
        while (!_activeJobs.IsEmpty)
        {
            var jobs = _activeJobs.Values.Select(j => j.Completion).ToArray();
            await Task.WhenAll(jobs).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    internal RoutineCell Cell(int index) => _cells[index];

    internal void OnJobFinished(Job job)
    {
        // By key and job: another job may have been refused under the same id, and must not remove this one.
        _activeJobs.TryRemove(KeyValuePair.Create(job.Id, job));
        switch (job.Status)
        {
            case JobStatus.Completed:
                Interlocked.Increment(ref _jobsCompleted);
                break;
            case JobStatus.Failed:
                Interlocked.Increment(ref _jobsFailed);
                break;
            default:
                Interlocked.Increment(ref _jobsCancelled);
                break;
        }
    }

    /// <summary>Whether a cell has a message of <paramref name="job"/> in hand (its handler runs or is about to). Any thread.</summary>
    internal bool HoldsInHand(Job job)
    {
        foreach (var cell in _cells)
        {
            if (cell.Holds(job))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The job has nothing left but messages parked in activation buffers: partial batches may go now.</summary>
    internal void OnJobQuiescent(Job job) => RequestFlushes(job);

    /// <summary>The job stopped: cells end their waits for it and drop what they buffered for it.</summary>
    internal void OnJobStopped(Job job)
    {
        foreach (var cell in _cells)
        {
            cell.OnJobStopped(job);
        }
    }

    private void RequestFlushes(Job job)
    {
        foreach (var cell in _cells)
        {
            if (cell.HasBuffers)
            {
                cell.RequestFlush(-1, job);
            }
        }
    }

    internal void DetachFromRuntime()
    {
        _runtimeRegistration.Dispose();
        _callerRegistration.Dispose();
        _inactivityTimer?.Dispose();
        _checkpointTimer?.Dispose();
    }

    private void ConnectOutlets()
    {
        var processors = Options.SpreadStreams ? Options.StreamProcessors ?? Environment.ProcessorCount : 1;
        var cuts = StreamSegments.Cuts(Flow, processors);
        MarkRoutinesInsideSegments(cuts);
        foreach (var cell in _cells)
        {
            var events = cell.Routine.Descriptor.Events;
            var outlets = new EventOutlet[events.Count];
            for (var e = 0; e < outlets.Length; e++)
            {
                var targets = new List<SlotQueue>();
                var targetCuts = new List<bool>();
                for (var c = 0; c < Flow.Connections.Count; c++)
                {
                    var connection = Flow.Connections[c];
                    if (connection.Source == cell.Routine && connection.Event == events[e])
                    {
                        targets.Add(_cells[connection.Target.Index].Queue(connection.Slot.Index));
                        targetCuts.Add(cuts[c]);
                    }
                }

                outlets[e] = events[e].CreateOutlet(cell, targets, targetCuts.ToArray());
            }

            cell.ConnectOutlets(outlets);
        }
    }

    /// <summary>
    /// In a flow that is cut, a routine whose every incoming connection stays within its segment is fed by fused
    /// dispatch, not by a stream through its queue (see <see cref="RoutineCell.IsInsideSegment"/>).
    /// </summary>
    private void MarkRoutinesInsideSegments(bool[] cuts)
    {
        if (Array.IndexOf(cuts, true) < 0)
        {
            return;
        }

        var fedWithin = new bool[_cells.Length];
        var fedThroughCut = new bool[_cells.Length];
        for (var c = 0; c < Flow.Connections.Count; c++)
        {
            var target = Flow.Connections[c].Target.Index;
            (cuts[c] ? fedThroughCut : fedWithin)[target] = true;
        }

        for (var i = 0; i < _cells.Length; i++)
        {
            _cells[i].IsInsideSegment = fedWithin[i] && !fedThroughCut[i];
        }

        foreach (var connection in Flow.Connections)
        {
            var target = _cells[connection.Target.Index];
            if (target.IsInsideSegment)
            {
                target.Queue(connection.Slot.Index).WakeProducersWhenEmpty();
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"Worker {Id} of flow {Flow.Id}";
}
