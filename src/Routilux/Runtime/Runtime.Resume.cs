using Routilux.Execution;

namespace Routilux;

// Resuming a worker from its newest checkpoint in a store, in this process (docs/durable-state.md).
public sealed partial class Runtime
{
    /// <summary>
    /// Brings a worker back from its newest checkpoint in <paramref name="store"/>: the same id, its routines' state,
    /// its queued and buffered messages, the messages it had waiting, its running jobs (found with
    /// <see cref="Worker.TryGetJob"/> and <see cref="Worker.ActiveJobs"/>, each with a <see cref="Job.Completion"/> to
    /// await) and its history; then starts it, so the jobs run to completion. A worker paused at the checkpoint comes
    /// back paused. Routine state and in-flow messages are restored exactly as at the checkpoint; see
    /// docs/durable-state.md for what happened after it.
    /// </summary>
    /// <param name="store">The store the checkpoint was saved to.</param>
    /// <param name="workerId">The worker's id.</param>
    /// <param name="flow">The flow to run: the same structure as the checkpoint's (routine ids and types, slots and events with their payload types, connections, entries); capacities and policies may differ.</param>
    /// <param name="options">
    /// The worker's settings; its <see cref="WorkerOptions.Id"/> must be <see langword="null"/> or <paramref name="workerId"/>.
    /// When <see langword="null"/>, the worker keeps saving to <paramref name="store"/> (no automatic checkpoints).
    /// </param>
    /// <param name="cancellationToken">Cancels loading; once the worker is created, cancels the worker and its jobs.</param>
    /// <returns>The resumed worker.</returns>
    /// <exception cref="InvalidOperationException">The store has no checkpoint for <paramref name="workerId"/>.</exception>
    /// <exception cref="RoutiluxSerializationException">The checkpoint is damaged, of a newer format or state version, or the flow's structure differs from it; the message names the worker, the sequence and what differs.</exception>
    /// <exception cref="ArgumentException">A worker with that id exists, or the options name another id.</exception>
    public async Task<Worker> ResumeWorkerAsync(IWorkerStore store, string workerId, Flow flow, WorkerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        ArgumentNullException.ThrowIfNull(flow);
        ThrowIfDisposed();
        if (options?.Id is { } id && id != workerId)
        {
            throw new ArgumentException($"WorkerOptions.Id is '{id}', but the worker resumed is '{workerId}'. Leave the id null, or set it to '{workerId}'.", nameof(options));
        }

        options = options is null ? new WorkerOptions { Id = workerId, Store = store } : WithId(options, workerId);
        var record = await store.LoadLatestCheckpointAsync(workerId, cancellationToken).ConfigureAwait(false) ?? throw new InvalidOperationException(
            $"The store ({store.GetType().Name}) has no checkpoint of worker '{workerId}'. Check the worker id (the store's ListWorkersAsync lists those " +
            "it has), or create the worker afresh with CreateWorker.");
        using var checkpoint = CheckpointDocument.Read(record);
        var differences = FlowStructure.Of(flow).DifferencesFrom(checkpoint.Structure);
        if (differences.Count > 0 || checkpoint.FlowId != flow.Id)
        {
            if (checkpoint.FlowId != flow.Id)
            {
                differences = differences.Prepend($"the checkpoint's flow is '{checkpoint.FlowId}', this one is '{flow.Id}'").ToList();
            }

            throw new RoutiluxSerializationException(
                $"Checkpoint {record.Sequence} of worker '{workerId}' was taken with a flow of another structure than flow '{flow.Id}': " +
                $"{string.Join("; ", differences)}. Resume with the flow the checkpoint was taken with, let the worker drain, and then change the flow.");
        }

        ValidateCheckpointOptions(flow, options);
        var worker = new Worker(this, flow, workerId, options, cancellationToken);
        if (!_workers.TryAdd(workerId, worker))
        {
            worker.DetachFromRuntime();
            throw new ArgumentException($"A worker with id '{workerId}' already exists in this runtime; remove it before resuming it.", nameof(workerId));
        }

        try
        {
            worker.Restore(checkpoint);
        }
        catch
        {
            _workers.TryRemove(KeyValuePair.Create(workerId, worker));
            worker.Cancel("Resuming the worker failed.");
            worker.DetachFromRuntime();
            throw;
        }

        worker.Start();
        return worker;
    }

    private static WorkerOptions WithId(WorkerOptions options, string id) => new()
    {
        Id = id,
        InactivityTimeout = options.InactivityTimeout,
        HistoryCapacity = options.HistoryCapacity,
        RecordHistory = options.RecordHistory,
        SpreadStreams = options.SpreadStreams,
        StreamProcessors = options.StreamProcessors,
        Store = options.Store,
        CheckpointAfterRuns = options.CheckpointAfterRuns,
        CheckpointInterval = options.CheckpointInterval,
    };
}
