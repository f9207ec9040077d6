using Routilux.Execution;

namespace Routilux;

// Starting jobs and posting input into them.
public sealed partial class Worker
{
    /// <summary>
    /// Starts a job with one message for an entry slot and returns it at once; the job then completes by itself
    /// when all its work is done. Waits only while the entry slot's queue is full.
    /// </summary>
    /// <typeparam name="T">The entry slot's payload type.</typeparam>
    /// <param name="entry">An entry slot of the flow, for example <c>tokenizer.Text()</c>.</param>
    /// <param name="payload">The payload.</param>
    /// <param name="cancellationToken">Cancels the job (and stops waiting for queue capacity); one already cancelled gives back a job already cancelled.</param>
    /// <returns>The running job; await <see cref="Job.Completion"/> for its final status.</returns>
    /// <exception cref="ArgumentException">The slot is not an entry of this flow.</exception>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    /// <exception cref="InvalidOperationException">The worker was cancelled.</exception>
    public ValueTask<Job> StartAsync<T>(SlotPort<T> entry, T payload, CancellationToken cancellationToken) =>
        StartAsync(entry, payload, null, cancellationToken);

    /// <summary>
    /// Starts a job with one message for an entry slot and the given settings (id, timeout, data) and returns it at
    /// once; the job then completes by itself when all its work is done.
    /// </summary>
    /// <typeparam name="T">The entry slot's payload type.</typeparam>
    /// <param name="entry">An entry slot of the flow.</param>
    /// <param name="payload">The payload.</param>
    /// <param name="options">The job's settings; the defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the job (and stops waiting for queue capacity); one already cancelled gives back a job already cancelled.</param>
    /// <returns>The running job.</returns>
    public async ValueTask<Job> StartAsync<T>(SlotPort<T> entry, T payload, JobOptions? options = null, CancellationToken cancellationToken = default)
    {
        var queue = ResolveEntry(entry);
        var job = OpenJob(options, cancellationToken);
        job.ClosesInputItself = true;
        await PostOnlyMessageAsync(job, queue, payload, cancellationToken).ConfigureAwait(false);
        return job;
    }

    /// <summary>
    /// Starts a job with one message for an entry slot. Blocks the calling thread only while the entry slot's
    /// queue is full; in async code prefer <see cref="StartAsync{T}(SlotPort{T}, T, CancellationToken)"/>.
    /// </summary>
    /// <inheritdoc cref="StartAsync{T}(SlotPort{T}, T, CancellationToken)"/>
    public Job Start<T>(SlotPort<T> entry, T payload, CancellationToken cancellationToken = default)
    {
        var started = StartAsync(entry, payload, cancellationToken);
        return started.IsCompletedSuccessfully ? started.Result : started.AsTask().GetAwaiter().GetResult();
    }

    /// <summary>
    /// Runs a job with one message for an entry slot and returns it once it has finished. The handlers start on the
    /// calling thread, the way an async method runs synchronously until its first incomplete await: when the entry
    /// routine is idle, it and every idle routine downstream run right here, and the work moves to the thread pool
    /// only where something has to wait (an awaiting handler, a full queue, a busy routine). A short flow therefore
    /// finishes without a single thread switch. Use <see cref="StartAsync{T}(SlotPort{T}, T, CancellationToken)"/>
    /// instead to hand the work off and go on at once.
    /// </summary>
    /// <remarks>
    /// Called with a <see cref="SynchronizationContext"/> or a non-default <see cref="TaskScheduler"/> (a UI thread,
    /// for example), the job starts on the thread pool instead, so handlers never resume on that context.
    /// A failed or cancelled job is returned, not thrown: check <see cref="Job.Status"/> and <see cref="Job.Error"/>.
    /// </remarks>
    /// <typeparam name="T">The entry slot's payload type.</typeparam>
    /// <param name="entry">An entry slot of the flow, for example <c>tokenizer.Text()</c>.</param>
    /// <param name="payload">The payload.</param>
    /// <param name="cancellationToken">Cancels the job (and stops waiting for queue capacity); one already cancelled gives back a job already cancelled.</param>
    /// <returns>The finished job; its <see cref="Job.Completion"/> has completed.</returns>
    /// <exception cref="ArgumentException">The slot is not an entry of this flow.</exception>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    /// <exception cref="InvalidOperationException">The worker was cancelled.</exception>
    public ValueTask<Job> RunAsync<T>(SlotPort<T> entry, T payload, CancellationToken cancellationToken) =>
        RunAsync(entry, payload, null, cancellationToken);

    /// <summary>
    /// Runs a job with one message for an entry slot and the given settings (id, timeout, data), starting on the
    /// calling thread, and returns it once it has finished.
    /// </summary>
    /// <inheritdoc cref="RunAsync{T}(SlotPort{T}, T, CancellationToken)"/>
    /// <param name="entry">An entry slot of the flow.</param>
    /// <param name="payload">The payload.</param>
    /// <param name="options">The job's settings.</param>
    /// <param name="cancellationToken">Cancels the job (and stops waiting for queue capacity); one already cancelled gives back a job already cancelled.</param>
    public ValueTask<Job> RunAsync<T>(SlotPort<T> entry, T payload, JobOptions? options = null, CancellationToken cancellationToken = default)
    {
        var queue = ResolveEntry(entry);
        var job = OpenJob(options, cancellationToken);
        job.ClosesInputItself = true;

        // The message run here rides on a count the caller holds, as an inline message rides on its emitter's. The
        // input hold cannot be that count: a handler that stops the job (Cancel, Fail) completes the input, and the
        // job would finish while the handler still runs, then finish again. So the caller holds one of its own; a
        // job already stopped (a token already cancelled) is not run here at all.
        if (!job.TryAddPending())
        {
            return EnqueueAndAwaitAsync(job, queue, payload, cancellationToken);
        }

        bool ranHere;
        try
        {
            ranHere = queue.Owner.TryRunFromCaller(queue, payload, job);
        }
        catch
        {
            job.CompleteInput();
            job.ReleasePending();
            throw;
        }

        if (!ranHere)
        {
            // May be the last count: a timeout or cancellation may have completed the input meanwhile.
            job.ReleasePending();
            return EnqueueAndAwaitAsync(job, queue, payload, cancellationToken);
        }

        job.CompleteInput();
        job.ReleasePending();
        return job.Completion.IsCompleted ? new ValueTask<Job>(job) : AwaitCompletionAsync(job);
    }

    private async ValueTask<Job> EnqueueAndAwaitAsync<T>(Job job, SlotQueue<T> queue, T payload, CancellationToken cancellationToken)
    {
        await PostOnlyMessageAsync(job, queue, payload, cancellationToken).ConfigureAwait(false);
        await job.Completion.ConfigureAwait(false);
        return job;
    }

    /// <summary>Queues the one message of a job started with a payload, then closes its input whatever happened.</summary>
    private async ValueTask PostOnlyMessageAsync<T>(Job job, SlotQueue<T> queue, T payload, CancellationToken cancellationToken)
    {
        try
        {
            await EnqueueAsync(job, queue, payload, cancellationToken, isFirstMessage: true).ConfigureAwait(false);
        }
        finally
        {
            job.CompleteInput();
        }
    }

    private static async ValueTask<Job> AwaitCompletionAsync(Job job)
    {
        await job.Completion.ConfigureAwait(false);
        return job;
    }

    /// <summary>
    /// Opens a job that takes input over time: post to it with <see cref="Job.PostAsync{T}"/>, then call
    /// <see cref="Job.CompleteInput"/>; the job completes by itself once its input is complete and its work drained.
    /// </summary>
    /// <param name="cancellationToken">Cancels the job.</param>
    /// <returns>The open job.</returns>
    public Job OpenJob(CancellationToken cancellationToken) => OpenJob(null, cancellationToken);

    /// <summary>Opens a job that takes input over time, with the given settings (id, timeout, data).</summary>
    /// <remarks>
    /// The only overload with optional parameters (so <c>OpenJob()</c> and <c>OpenJob(null)</c> bind to it alone,
    /// and a parameter added later cannot make a call ambiguous).
    /// </remarks>
    /// <param name="options">The job's settings; the defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the job.</param>
    /// <returns>The open job.</returns>
    /// <exception cref="ArgumentException">A running job already has the id in <paramref name="options"/>.</exception>
    public Job OpenJob(JobOptions? options = null, CancellationToken cancellationToken = default)
    {
        Runtime.ThrowIfDisposed();
        ThrowIfNotAccepting();
        var id = options?.Id ?? $"{Id}-job-{Interlocked.Increment(ref _jobSequence)}";
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new ArgumentException("A job id must not be empty; leave JobOptions.Id null to have one generated.", nameof(options));
        }

        var job = new Job(this, id, options);
        if (!_activeJobs.TryAdd(id, job))
        {
            // Never begun, so nothing refers to it: it is dropped as it is, and the running job keeps its place.
            throw new ArgumentException($"Worker '{Id}' already runs a job with id '{id}'; job ids must be unique among running jobs.", nameof(options));
        }

        Touch();

        // A worker cancelled since the check above cancels the job right here, through its registration.
        job.Begin(cancellationToken);
        return job;
    }

    internal async ValueTask PostAsync<T>(Job job, SlotPort<T> entry, T payload, CancellationToken cancellationToken)
    {
        if (!ReferenceEquals(job.Worker, this))
        {
            throw new ArgumentException($"Job '{job.Id}' belongs to worker '{job.Worker.Id}', not '{Id}'.", nameof(job));
        }

        var queue = ResolveEntry(entry);
        await EnqueueAsync(job, queue, payload, cancellationToken).ConfigureAwait(false);
    }

    private SlotQueue<T> ResolveEntry<T>(SlotPort<T> entry)
    {
        Runtime.ThrowIfDisposed();

        if (entry.Node is null)
        {
            throw PortGuard.Default();
        }

        // The slot's name, not entry.ToString(): a post must not format a string unless it fails.
        var slot = entry.Slot;
        var routine = Flow.Resolve(entry.Node, slot.Name);
        if (!routine.IsEntry(slot.Index))
        {
            throw new ArgumentException(
                $"Slot '{routine.Id}.{slot.Name}' is not an entry of flow '{Flow.Id}', so jobs cannot be posted to it. " +
                $"Post to an entry slot ({Flow.DescribeEntries()}) or mark this one with flow.Entry({routine.Id}.{slot.Name}()).",
                nameof(entry));
        }

        return (SlotQueue<T>)_cells[routine.Index].Queue(slot.Index);
    }

    // isFirstMessage, for the message a job is started with (StartAsync, RunAsync): a job that is or becomes stopped
    // before the message is queued (begun with a token already cancelled, its worker cancelled, its timeout while it
    // waits for room) takes the message with it, and the caller gets the job, whose completion reports why, instead
    // of the post failing; a Fail queue that refuses it fails the job too.
    private async ValueTask EnqueueAsync<T>(Job job, SlotQueue<T> queue, T payload, CancellationToken cancellationToken, bool isFirstMessage = false)
    {
        if (!job.TryAddPending())
        {
            if (isFirstMessage && job.IsStopped)
            {
                return;
            }

            throw new InvalidOperationException(
                $"Job '{job.Id}' of flow '{Flow.Id}' has already finished ({job.Status}); it takes no more input. Start a new job.");
        }

        switch (queue.TryEnqueue(payload, job, waiter: null))
        {
            case EnqueueOutcome.Enqueued:
                return;
            case EnqueueOutcome.Dropped:
                // Counted on the job by the queue; the job's input hold keeps it open.
                return;
            case EnqueueOutcome.Rejected:
                job.ReleasePending();
                throw Refused(job, queue, isFirstMessage);
        }

        // The entry queue is full: wait for room, as an emitting routine would. Rare, so a waiter per wait is fine.
        var waiter = new SpaceWaiter();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, job.CancellationToken);
        using var registration = linked.Token.UnsafeRegister(static w => ((SpaceWaiter)w!).Cancel(), waiter);
        try
        {
            while (true)
            {
                switch (queue.TryEnqueue(payload, job, waiter))
                {
                    case EnqueueOutcome.Enqueued or EnqueueOutcome.Dropped:
                        return;
                    case EnqueueOutcome.Rejected:
                        throw Refused(job, queue, isFirstMessage);
                }

                if (linked.IsCancellationRequested)
                {
                    waiter.Cancel();
                }

                if (!await waiter.AsValueTask().ConfigureAwait(false))
                {
                    queue.Unregister(waiter);
                    if (isFirstMessage && job.IsStopped)
                    {
                        // The job's own first message, and the job stopped while it waited (its timeout, its token,
                        // its worker): the message goes with the job, and the caller gets the stopped job, whose
                        // status and error say why, as when it stops a moment later.
                        job.ReleasePending();
                        return;
                    }

                    throw new OperationCanceledException(
                        $"Posting to '{queue.Owner.RoutineId}.{queue.Slot.Name}' of job '{job.Id}' was cancelled while the queue was full.", linked.Token);
                }
            }
        }
        catch
        {
            job.ReleasePending();
            throw;
        }
    }

    /// <summary>
    /// A full queue with the Fail policy refused a post (the caller counts the message out). A job's own first
    /// message refused fails the job with the same error, so it is counted as failed rather than completed, empty.
    /// </summary>
    private QueueFullException Refused(Job job, SlotQueue queue, bool firstMessage)
    {
        var error = new QueueFullException(Flow.Id, queue.Owner.RoutineId, queue.Slot.Name, queue.Capacity);
        if (firstMessage)
        {
            job.Fail(error);
        }

        return error;
    }
}
