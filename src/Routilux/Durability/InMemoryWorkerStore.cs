namespace Routilux;

/// <summary>
/// An <see cref="IWorkerStore"/> that keeps checkpoints in memory, for tests of users' own flows: nothing survives
/// the process. It keeps the two newest checkpoints of each worker, like the SQLite store.
/// </summary>
public sealed class InMemoryWorkerStore : IWorkerStore
{
    // Guards _checkpoints; every operation is short and never awaits under it.
    private readonly object _gate = new();

    // Invariant: each list holds at most KeptPerWorker checkpoints of one worker, oldest first, sequences increasing.
    private readonly Dictionary<string, List<WorkerCheckpoint>> _checkpoints = new(StringComparer.Ordinal);

    /// <summary>How many checkpoints of each worker are kept.</summary>
    public const int KeptPerWorker = 2;

    /// <inheritdoc />
    public ValueTask SaveCheckpointAsync(WorkerCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        cancellationToken.ThrowIfCancellationRequested();

        // A private copy: the caller may reuse its buffer, and a store never shares mutable bytes.
        var copy = new WorkerCheckpoint(checkpoint.WorkerId, checkpoint.Sequence, checkpoint.FlowId, checkpoint.CreatedAt, checkpoint.Document.ToArray());
        lock (_gate)
        {
            if (!_checkpoints.TryGetValue(checkpoint.WorkerId, out var list))
            {
                _checkpoints[checkpoint.WorkerId] = list = new List<WorkerCheckpoint>(KeptPerWorker + 1);
            }

            if (list.Count > 0 && list[^1].Sequence >= checkpoint.Sequence)
            {
                throw new InvalidOperationException(
                    $"Checkpoint {checkpoint.Sequence} of worker '{checkpoint.WorkerId}' is not newer than the stored checkpoint {list[^1].Sequence}; sequences must increase.");
            }

            list.Add(copy);
            if (list.Count > KeptPerWorker)
            {
                list.RemoveAt(0);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<WorkerCheckpoint?> LoadLatestCheckpointAsync(string workerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workerId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(_checkpoints.TryGetValue(workerId, out var list) && list.Count > 0 ? list[^1] : null);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<string>> ListWorkersAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IReadOnlyList<string> ids = _checkpoints.Keys.Order(StringComparer.Ordinal).ToArray();
            return ValueTask.FromResult(ids);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> DeleteWorkerAsync(string workerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workerId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(_checkpoints.Remove(workerId));
        }
    }
}
