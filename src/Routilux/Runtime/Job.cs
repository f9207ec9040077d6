using System.Diagnostics;
using Routilux.Execution;
using Routilux.Observability;

namespace Routilux;

/// <summary>
/// One unit of work posted into a <see cref="Routilux.Worker"/>. Every message that descends from the job's input carries
/// the job, however many hops away. The job completes by itself when none of its messages is queued or running
/// and its input is complete; <see cref="Completion"/> then gives the final status.
/// </summary>
// Concurrency contract. Every mutable field is touched by many threads (posters, the cells running the job's messages,
// timers, cancellation callbacks), and only through Interlocked or Volatile; there is no lock.
//   _pending   the count that decides completion: +1 per message counted in (before it is queued), -1 per message
//              done or dropped (cells may owe theirs to a turn, see OwedReleases), +1 while the input is open. It
//              reaches 0 exactly once, which finishes the job; it never goes below 0 (asserted).
//   _parked, _parkedInJoins   of the pending messages, those in activation buffers, and of those the ones in joins;
//              each is >= 0 (asserted); they are read apart from _pending, so a comparison is a hint that the
//              quiescence protocol re-checks (Worker.OnJobQuiescent), never a decision by itself.
//   _status    Running -> Completed, or Running -> Failed/Cancelled (the stop), each by one CAS, a full fence.
//   _finished  0 -> 1 once (Finish); a second time only for a stopped job that finished early (asserted).
//   Fence pair with the cells (RoutineCell's F2): the stop sets _status, then FinishIfStoppedAndIdle makes a
//   process-wide barrier and reads which cells hold the job; a cell publishes the job it takes up, then reads _status.
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The CancellationTokenSource has no timer and is not linked, so it holds nothing that needs disposing.")]
[DebuggerDisplay("Job {Id} ({Status}): pending {_pending.Value}, parked {_parked}")]
public sealed partial class Job
{
    private readonly TaskCompletionSource<JobStatus> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Made the first time someone asks for the token: most jobs never do, and a source per job is measurable when
    // jobs are small.
    private CancellationTokenSource? _cancellation;
    private CancellationTokenRegistration _workerRegistration;
    private CancellationTokenRegistration _callerRegistration;

    // Messages of this job queued or running, plus one while the input is open. On a cache line of its own: producers
    // count every message in, while consumers on other cores read the job's status for every message they take.
    private PaddedFlag _pending = new() { Value = 1 };

    // Of those, the messages parked in activation buffers (batches, joins) rather than queued or running; and of
    // those, the ones parked in join buffers, which nothing but a partner's arrival can move.
    private int _parked;
    private int _parkedInJoins;
    private int _inputOpen = 1;
    private int _finished;
    private int _status;
    private Exception? _error;
    private string? _cancellationReason;
    private ITimer? _timeout;

    internal Job(Worker worker, string id, JobOptions? options)
    {
        Worker = worker;
        Id = id;
        StartedAt = worker.Runtime.TimeProvider.GetUtcNow();
        if (options?.Data is { } data)
        {
            foreach (var (key, value) in data)
            {
                Data[key] = value;
            }
        }

        Timeout = options?.Timeout;
    }

    /// <summary>
    /// Whether the job's input is closed by the runtime itself once its one message is posted
    /// (<see cref="Worker.StartAsync{T}(SlotPort{T}, T, JobOptions?, CancellationToken)"/>, RunAsync): a checkpoint saves
    /// such a job with its input closed, since the post it waited for belongs to the process that made it.
    /// </summary>
    internal bool ClosesInputItself { get; set; }

    /// <summary>Whether input may still be posted (<see cref="CompleteInput"/> not called yet). Any thread.</summary>
    internal bool IsInputOpen => Volatile.Read(ref _inputOpen) == 1;

    /// <summary>
    /// Arms what can stop the job from outside: the worker's and the caller's tokens and the timeout. Called once the
    /// job is among the worker's active jobs, since any of them may finish it at once (a token already cancelled runs
    /// its callback right here), and a job must never finish before it was added.
    /// </summary>
    /// <param name="callerToken">The token the job was opened with.</param>
    internal void Begin(CancellationToken callerToken)
    {
        // Before anything that may stop the job, so a hook sees its start before its end.
        var runtime = Worker.Runtime;
        RoutiluxLog.JobStarted(runtime.Loggers.Job, Id, Worker.Id, Worker.Flow.Id);
        runtime.Hooks?.JobStarted(this);

        _workerRegistration = Worker.CancellationToken.UnsafeRegister(static s => ((Job)s!).Cancel("The worker was cancelled."), this);
        if (callerToken.CanBeCanceled)
        {
            _callerRegistration = callerToken.UnsafeRegister(static s => ((Job)s!).Cancel("The caller's cancellation token was cancelled."), this);
        }

        if (Timeout is { } timeout)
        {
            // Counted from the job's own start; it fails this job only. A restored job's start was in an earlier process:
            // its deadline stands, and a deadline passed while no process ran it fails it at once.
            var clock = Worker.Runtime.TimeProvider;
            var due = IsRestored ? timeout - (clock.GetUtcNow() - StartedAt) : timeout;
            _timeout = clock.CreateTimer(static s => ((Job)s!).OnTimeout(), this, due > TimeSpan.Zero ? due : TimeSpan.Zero, System.Threading.Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>
    /// The job's timeout from <see cref="JobOptions.Timeout"/>, counted from <see cref="StartedAt"/>, or
    /// <see langword="null"/> when the job never times out.
    /// </summary>
    public TimeSpan? Timeout { get; }

    /// <summary>The job's id, unique within its worker.</summary>
    public string Id { get; }

    /// <summary>The worker the job runs in.</summary>
    public Worker Worker { get; }

    /// <summary>The job's current status.</summary>
    public JobStatus Status => (JobStatus)Volatile.Read(ref _status);

    /// <summary>The error that failed the job, or <see langword="null"/>.</summary>
    public Exception? Error => Volatile.Read(ref _error);

    /// <summary>Why the job was cancelled, or <see langword="null"/>.</summary>
    public string? CancellationReason => Volatile.Read(ref _cancellationReason);

    /// <summary>When the job started (UTC).</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>When the job finished (UTC), or <see langword="null"/> while it runs.</summary>
    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>
    /// Completes with the final status once nothing of the job is queued or running. It never faults: a failed
    /// job completes with <see cref="JobStatus.Failed"/> and its <see cref="Error"/>.
    /// </summary>
    public Task<JobStatus> Completion => _completion.Task;

    /// <summary>Signalled when the job is cancelled or fails; handlers receive it as their cancellation token.</summary>
    public CancellationToken CancellationToken
    {
        get
        {
            var source = Volatile.Read(ref _cancellation);
            if (source is null)
            {
                source = new CancellationTokenSource();
                if (Interlocked.CompareExchange(ref _cancellation, source, null) is { } first)
                {
                    source = first;
                }
                else if (IsStopped)
                {
                    // Stopped before anyone asked. Stop reads the source after setting the status and this reads the
                    // status after publishing the source (both through full fences), so one of the two cancels it.
                    source.Cancel();
                }
            }

            return source.Token;
        }
    }

    /// <summary>Whether the job has stopped (failed or cancelled) and its remaining messages are being dropped.</summary>
    internal bool IsStopped => Volatile.Read(ref _status) is (int)JobStatus.Failed or (int)JobStatus.Cancelled;

    /// <summary>Posts another message into this running job, waiting while the slot's queue is full.</summary>
    /// <typeparam name="T">The slot's payload type.</typeparam>
    /// <param name="entry">An entry slot of the job's flow.</param>
    /// <param name="payload">The payload.</param>
    /// <param name="cancellationToken">Stops waiting for queue capacity.</param>
    /// <exception cref="InvalidOperationException">The job has already finished.</exception>
    /// <exception cref="ArgumentException">The slot is not an entry of the flow.</exception>
    public ValueTask PostAsync<T>(SlotPort<T> entry, T payload, CancellationToken cancellationToken = default) =>
        Worker.PostAsync(this, entry, payload, cancellationToken);

    /// <summary>
    /// Declares that no more input will be posted from outside. The job then completes by itself as soon as its
    /// work drains. Jobs made by <see cref="Worker.StartAsync{T}(SlotPort{T}, T, CancellationToken)"/> do this for you;
    /// call it on jobs made by <see cref="Worker.OpenJob(JobOptions, CancellationToken)"/>. Calling it again does nothing.
    /// </summary>
    public void CompleteInput()
    {
        if (Interlocked.Exchange(ref _inputOpen, 0) == 1)
        {
            ReleasePending();
        }
    }

    /// <summary>
    /// Cancels the job: its handlers see their cancellation token signalled, its queued messages are dropped, and
    /// <see cref="Completion"/> gives <see cref="JobStatus.Cancelled"/> once nothing of it runs. Does nothing when the
    /// job has already finished or failed.
    /// </summary>
    /// <param name="reason">Why, for <see cref="CancellationReason"/> and logs.</param>
    public void Cancel(string? reason = null)
    {
        if (Interlocked.CompareExchange(ref _status, (int)JobStatus.Cancelled, (int)JobStatus.Running) == (int)JobStatus.Running)
        {
            Volatile.Write(ref _cancellationReason, reason ?? "Cancelled.");
            Stop();
        }
    }

    /// <summary>
    /// Fails the job with <paramref name="error"/>: its handlers see their cancellation token signalled, its queued
    /// messages are dropped, and <see cref="Completion"/> gives <see cref="JobStatus.Failed"/> once nothing of it runs.
    /// Does nothing when the job has already finished, failed or been cancelled.
    /// </summary>
    /// <param name="error">Why; becomes <see cref="Error"/>.</param>
    public void Fail(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (Interlocked.CompareExchange(ref _status, (int)JobStatus.Failed, (int)JobStatus.Running) == (int)JobStatus.Running)
        {
            Volatile.Write(ref _error, error);
            Stop();
        }
    }

    private void OnTimeout()
    {
        if (Status == JobStatus.Running)
        {
            RoutiluxLog.JobTimedOut(Worker.Runtime.Loggers.Job, Id, Worker.Id, Worker.Flow.Id, Timeout?.TotalMilliseconds ?? 0);
        }

        Fail(new TimeoutException(
            $"Job '{Id}' of flow '{Worker.Flow.Id}' did not finish within its timeout of {Timeout?.TotalMilliseconds} ms; it was stopped. " +
            "Raise JobOptions.Timeout if the work needs longer."));
    }

    /// <summary>Counts one more message of this job as queued or running.</summary>
    internal void AddPending() => Interlocked.Increment(ref _pending.Value);

    /// <summary>Counts <paramref name="count"/> more messages of this job ahead of their emits (see RoutineCell.CountEmit).</summary>
    internal void AddPending(int count) => Interlocked.Add(ref _pending.Value, count);

    /// <summary>Counts one more message unless the job already finished, for posts from outside.</summary>
    internal bool TryAddPending()
    {
        var current = Volatile.Read(ref _pending.Value);
        while (current > 0 && !IsStopped)
        {
            var seen = Interlocked.CompareExchange(ref _pending.Value, current + 1, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }

    /// <summary>Counts <paramref name="count"/> messages of this job as done; the last one finishes the job.</summary>
    internal void ReleasePending(int count = 1)
    {
        var remaining = Interlocked.Add(ref _pending.Value, -count);
        Debug.Assert(remaining >= 0, "Job pending count went negative.");
        if (remaining == 0)
        {
            Finish();
        }
        else if (remaining == Volatile.Read(ref _parked))
        {
            Worker.OnJobQuiescent(this);
        }
    }

    /// <summary>
    /// Counts <paramref name="count"/> of the job's messages as parked in an activation buffer (a batch being
    /// filled, a join waiting for its partner). They still keep the job open.
    /// </summary>
    /// <param name="count">How many.</param>
    /// <param name="inJoin">Whether they are parked in a join's buffer (see <see cref="IsParkedOnlyInJoins"/>).</param>
    internal void Park(int count, bool inJoin)
    {
        if (inJoin)
        {
            Interlocked.Add(ref _parkedInJoins, count);
        }

        var parked = Interlocked.Add(ref _parked, count);
        if (parked == Volatile.Read(ref _pending.Value))
        {
            Worker.OnJobQuiescent(this);
        }
    }

    /// <summary>Counts <paramref name="count"/> parked messages as taken out of their buffer.</summary>
    /// <param name="count">How many.</param>
    /// <param name="inJoin">Whether they were parked in a join's buffer.</param>
    internal void Unpark(int count, bool inJoin)
    {
        var parked = Interlocked.Add(ref _parked, -count);
        Debug.Assert(parked >= 0, "Job parked count went negative.");
        if (inJoin)
        {
            var inJoins = Interlocked.Add(ref _parkedInJoins, -count);
            Debug.Assert(inJoins >= 0, "Job parked-in-joins count went negative.");
        }
    }

    /// <summary>Whether everything left of the job is parked in buffers: nothing queued, running or still to be posted.</summary>
    internal bool IsQuiescent
    {
        get
        {
            var pending = Volatile.Read(ref _pending.Value);
            return pending > 0 && pending == Volatile.Read(ref _parked);
        }
    }

    /// <summary>
    /// Whether everything left of the job waits in join buffers for partners: nothing queued, running, still to be
    /// posted, or in a batch or custom buffer whose flush could still send a partner. Only then is an unpaired
    /// message unpaired for good. The counts are read apart, as for <see cref="IsQuiescent"/>; the join count first,
    /// since a message reaches a join buffer only after it was counted pending and before it is counted parked.
    /// </summary>
    internal bool IsParkedOnlyInJoins
    {
        get
        {
            var inJoins = Volatile.Read(ref _parkedInJoins);
            var pending = Volatile.Read(ref _pending.Value);
            var parked = Volatile.Read(ref _parked);
            return pending > 0 && pending == parked && parked == inJoins;
        }
    }

    /// <summary>Undoes an <see cref="AddPending()"/> whose message was not queued; the caller still holds the job open.</summary>
    internal void ReleasePendingNotLast()
    {
        var remaining = Interlocked.Decrement(ref _pending.Value);
        Debug.Assert(remaining > 0, "A pending count undo must never finish the job.");
    }

    private void Stop()
    {
        Volatile.Read(ref _cancellation)?.Cancel();

        // Buffered messages of a stopped job will never run; the cells holding them count them out.
        Worker.OnJobStopped(this);

        // A stopped job takes no more input, so an input left open must not keep it from finishing.
        CompleteInput();
        FinishIfStoppedAndIdle();
    }

    /// <summary>
    /// Finishes a stopped job as soon as none of its handlers runs, although messages of it may still wait in queues
    /// or buffers behind other jobs' work: those are dropped when reached, and counted then. So a job's timeout or
    /// cancellation bounds <see cref="Completion"/> even when another job holds the routine its messages wait for.
    /// Called by whoever may have been the last to hold the job: <see cref="Stop"/>, and a cell putting down a message
    /// of a stopped job.
    /// </summary>
    internal void FinishIfStoppedAndIdle()
    {
        if (!IsStopped || Volatile.Read(ref _finished) != 0)
        {
            return;
        }

        // The process-wide half of a fence pair (the status was set with a full fence): a cell announces the job it
        // takes up (MessageInHand.Take) with a plain write, then reads the job's status. After this barrier, either
        // that write is visible to the scan below, or the cell's read comes after it and sees the job stopped, and
        // then runs none of its handlers. Paid only by stopped jobs, so the per-message path keeps its plain write.
        Interlocked.MemoryBarrierProcessWide();
        if (!Worker.HoldsInHand(this))
        {
            Finish();
        }
    }

    private void Finish()
    {
        // Once: a stopped job finishes early (FinishIfStoppedAndIdle) and its pending count still reaches zero when
        // its last waiting message is dropped. Any other second time means a message counted out twice.
        var firstTime = Interlocked.Exchange(ref _finished, 1) == 0;
        Debug.Assert(firstTime || IsStopped, $"Job '{Id}' finished twice: its pending count reached zero after it had already finished.");
        if (!firstTime)
        {
            return;
        }

        Interlocked.CompareExchange(ref _status, (int)JobStatus.Completed, (int)JobStatus.Running);
        EndedAt = Worker.Runtime.TimeProvider.GetUtcNow();
        _timeout?.Dispose();
        _workerRegistration.Dispose();
        _callerRegistration.Dispose();
        Worker.OnJobFinished(this);
        LogEnd();
        Worker.Runtime.Hooks?.JobEnded(this);
        _completion.TrySetResult(Status);
    }

    private void LogEnd()
    {
        var logger = Worker.Runtime.Loggers.Job;
        switch (Status)
        {
            case JobStatus.Completed:
                RoutiluxLog.JobCompleted(logger, Id, Worker.Id, Worker.Flow.Id);
                break;
            case JobStatus.Failed:
                RoutiluxLog.JobFailed(logger, Error, Id, Worker.Id, Worker.Flow.Id);
                break;
            case JobStatus.Cancelled:
                RoutiluxLog.JobCancelled(logger, Id, Worker.Id, Worker.Flow.Id, CancellationReason);
                break;
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"Job {Id} ({Status})";
}
