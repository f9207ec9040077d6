using Microsoft.Data.Sqlite;

namespace Routilux.Sqlite;

// The reads: each opens a connection of its own, so it runs beside a save and sees it whole or not at all.
public sealed partial class SqliteWorkerStore
{
    /// <inheritdoc />
    /// <exception cref="RoutiluxSerializationException">
    /// The checkpoint is damaged (its checksum does not match, or SQLite finds its pages damaged); the message names the
    /// worker, the sequence and the file, and says how to fall back to the previous checkpoint.
    /// </exception>
    public async ValueTask<WorkerCheckpoint?> LoadLatestCheckpointAsync(string workerId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        return await ReadAsync(
            $"loading the newest checkpoint of worker '{workerId}'",
            connection => CheckpointRows.Load(connection, Path, workerId, sequence: null),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Loads one of the kept checkpoints of a worker, for example the one before a damaged newest one
    /// (<see cref="ListCheckpointsAsync"/> lists them).
    /// </summary>
    /// <param name="workerId">The worker's id.</param>
    /// <param name="sequence">The checkpoint's sequence.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The checkpoint, or <see langword="null"/> when the store does not have it.</returns>
    /// <exception cref="RoutiluxSerializationException">The checkpoint is damaged; the message names the worker, the sequence and the file.</exception>
    public async ValueTask<WorkerCheckpoint?> LoadCheckpointAsync(string workerId, long sequence, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        return await ReadAsync(
            $"loading checkpoint {sequence} of worker '{workerId}'",
            connection => CheckpointRows.Load(connection, Path, workerId, sequence),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The sequences of the checkpoints the store keeps for a worker (at most <see cref="KeptPerWorker"/>), oldest first.</summary>
    /// <param name="workerId">The worker's id.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The sequences; empty when the store has no checkpoint of that worker.</returns>
    public async ValueTask<IReadOnlyList<long>> ListCheckpointsAsync(string workerId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        return await ReadAsync(
            $"listing the checkpoints of worker '{workerId}'",
            connection => CheckpointRows.Sequences(connection, workerId),
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<string>> ListWorkersAsync(CancellationToken cancellationToken = default) =>
        await ReadAsync("listing its workers", CheckpointRows.Workers, cancellationToken).ConfigureAwait(false);

    private async ValueTask<T> ReadAsync<T>(string doing, Func<SqliteConnection, T> read, CancellationToken cancellationToken)
    {
        var salvage = await EnsureOpenForReadAsync(doing, cancellationToken).ConfigureAwait(false);
        try
        {
            using var connection = _connections.OpenReader(salvage);
            var result = read(connection);
            cancellationToken.ThrowIfCancellationRequested();
            return result;
        }
        catch (SqliteException exception)
        {
            throw StoreErrors.From(exception, Path, doing);
        }
    }
}
