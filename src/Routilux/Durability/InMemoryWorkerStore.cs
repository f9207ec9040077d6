using System.Diagnostics;

namespace Routilux;

/// <summary>
/// An <see cref="IWorkerStore"/> that keeps checkpoints in memory, for tests of users' own flows: nothing survives
/// the process. It keeps the two newest checkpoints of each worker, like the SQLite store, and has the same extra
/// members to list, load and delete single checkpoints.
/// </summary>
public sealed class InMemoryWorkerStore : IWorkerStore
{
    // Guards _checkpoints; every operation is short and never awaits under it.
    private readonly object _gate = new();

    // Invariant: each list holds 1 to KeptPerWorker checkpoints of one worker, oldest first, sequences increasing.
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

            AssertInvariants();
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<WorkerCheckpoint?> LoadLatestCheckpointAsync(string workerId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workerId);
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
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(_checkpoints.Remove(workerId));
        }
    }

    /// <summary>Loads one of the kept checkpoints of a worker.</summary>
    /// <param name="workerId">The worker's id.</param>
    /// <param name="sequence">The checkpoint's sequence.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The checkpoint, or <see langword="null"/> when the store does not have it.</returns>
    public ValueTask<WorkerCheckpoint?> LoadCheckpointAsync(string workerId, long sequence, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(_checkpoints.TryGetValue(workerId, out var list) ? list.Find(c => c.Sequence == sequence) : null);
        }
    }

    /// <summary>The sequences of the checkpoints the store keeps for a worker (at most <see cref="KeptPerWorker"/>), oldest first.</summary>
    /// <param name="workerId">The worker's id.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The sequences; empty when the store has no checkpoint of that worker.</returns>
    public ValueTask<IReadOnlyList<long>> ListCheckpointsAsync(string workerId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IReadOnlyList<long> sequences = _checkpoints.TryGetValue(workerId, out var list) ? list.Select(c => c.Sequence).ToArray() : [];
            return ValueTask.FromResult(sequences);
        }
    }

    /// <summary>Deletes one checkpoint of a worker; the worker's next checkpoint may then reuse its sequence.</summary>
    /// <param name="workerId">The worker's id.</param>
    /// <param name="sequence">The checkpoint's sequence.</param>
    /// <param name="cancellationToken">Cancels the delete.</param>
    /// <returns><see langword="true"/> when the store had that checkpoint.</returns>
    public ValueTask<bool> DeleteCheckpointAsync(string workerId, long sequence, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_checkpoints.TryGetValue(workerId, out var list) || list.RemoveAll(c => c.Sequence == sequence) == 0)
            {
                return ValueTask.FromResult(false);
            }

            // A worker without checkpoints is not listed, as in the SQLite store.
            if (list.Count == 0)
            {
                _checkpoints.Remove(workerId);
            }

            AssertInvariants();
            return ValueTask.FromResult(true);
        }
    }

    [Conditional("DEBUG")]
    private void AssertInvariants()
    {
        Debug.Assert(Monitor.IsEntered(_gate), "the checkpoints are read and changed under _gate");
        foreach (var (workerId, list) in _checkpoints)
        {
            Debug.Assert(list.Count is > 0 and <= KeptPerWorker, $"worker '{workerId}' has {list.Count} checkpoints kept");
            for (var i = 1; i < list.Count; i++)
            {
                Debug.Assert(list[i - 1].Sequence < list[i].Sequence, $"the checkpoints of worker '{workerId}' are oldest first");
            }
        }
    }
}
