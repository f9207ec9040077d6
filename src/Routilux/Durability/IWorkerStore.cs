namespace Routilux;

/// <summary>
/// Where a worker's checkpoints are kept, so a worker can be resumed in a new process
/// (<c>Runtime.ResumeWorkerAsync</c>). The embedded default is the SQLite store of the Routilux.Sqlite
/// package; <see cref="InMemoryWorkerStore"/> serves tests. Implementations are safe to call from several threads.
/// </summary>
public interface IWorkerStore
{
    /// <summary>
    /// Saves a checkpoint atomically: after a crash the store holds either all of it or none of it. A store keeps at
    /// least the two newest checkpoints of each worker and may delete older ones.
    /// </summary>
    /// <param name="checkpoint">The checkpoint; its <see cref="WorkerCheckpoint.Sequence"/> is greater than any saved before for that worker.</param>
    /// <param name="cancellationToken">Cancels the save; a cancelled save leaves nothing behind.</param>
    ValueTask SaveCheckpointAsync(WorkerCheckpoint checkpoint, CancellationToken cancellationToken = default);

    /// <summary>Loads the newest checkpoint of a worker.</summary>
    /// <param name="workerId">The worker's id.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The checkpoint, or <see langword="null"/> when the store has none for that worker.</returns>
    /// <exception cref="RoutiluxSerializationException">The stored checkpoint is damaged (its checksum does not match); the message names the worker and the sequence.</exception>
    ValueTask<WorkerCheckpoint?> LoadLatestCheckpointAsync(string workerId, CancellationToken cancellationToken = default);

    /// <summary>The ids of the workers that have at least one checkpoint, in ordinal order.</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    ValueTask<IReadOnlyList<string>> ListWorkersAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes every checkpoint of a worker.</summary>
    /// <param name="workerId">The worker's id.</param>
    /// <param name="cancellationToken">Cancels the delete.</param>
    /// <returns><see langword="true"/> when the store had checkpoints for that worker.</returns>
    ValueTask<bool> DeleteWorkerAsync(string workerId, CancellationToken cancellationToken = default);
}
