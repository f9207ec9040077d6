using Microsoft.Data.Sqlite;

namespace Routilux.Sqlite;

// The writes: one at a time on the writer connection, each one transaction.
public sealed partial class SqliteWorkerStore
{
    /// <inheritdoc />
    /// <remarks>
    /// One transaction inserts the checkpoint with the SHA-256 of its document and deletes the worker's checkpoints
    /// older than the newest <see cref="KeptPerWorker"/>. A cancellation seen before the commit rolls it all back; once
    /// committed, the save stands and the call returns normally.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The checkpoint's sequence is not greater than the worker's newest stored one.</exception>
    public async ValueTask SaveCheckpointAsync(WorkerCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var doing = $"saving checkpoint {checkpoint.Sequence} of worker '{checkpoint.WorkerId}'";
        var writer = await EnterWriterAsync(doing, cancellationToken).ConfigureAwait(false);
        try
        {
            using var transaction = writer.BeginTransaction(deferred: false);
            CheckpointRows.Insert(writer, transaction, checkpoint);

            // The last moment a cancellation can still undo the save: disposing the transaction rolls it back.
            cancellationToken.ThrowIfCancellationRequested();
            transaction.Commit();
        }
        catch (SqliteException exception)
        {
            throw StoreErrors.From(exception, Path, doing);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask<bool> DeleteWorkerAsync(string workerId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        return await WriteAsync(
            $"deleting worker '{workerId}'",
            (writer, transaction) => CheckpointRows.DeleteWorker(writer, transaction, workerId),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes one checkpoint of a worker, typically a damaged newest one, so that the worker resumes from the one
    /// before it. The worker's next checkpoint may then reuse the deleted sequence.
    /// </summary>
    /// <param name="workerId">The worker's id.</param>
    /// <param name="sequence">The checkpoint's sequence.</param>
    /// <param name="cancellationToken">Cancels the delete.</param>
    /// <returns><see langword="true"/> when the store had that checkpoint.</returns>
    public async ValueTask<bool> DeleteCheckpointAsync(string workerId, long sequence, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        return await WriteAsync(
            $"deleting checkpoint {sequence} of worker '{workerId}'",
            (writer, transaction) => CheckpointRows.DeleteCheckpoint(writer, transaction, workerId, sequence),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Copies the whole store, consistently, into a new file with SQLite's online backup API, while the store stays in
    /// use (saves wait for the copy). The copy is a store of its own: open it with a new <see cref="SqliteWorkerStore"/>.
    /// </summary>
    /// <param name="destinationPath">The new file; it must not exist, and its folder must.</param>
    /// <param name="cancellationToken">Cancels the backup before it starts.</param>
    /// <exception cref="IOException">The destination exists already.</exception>
    public async ValueTask BackupAsync(string destinationPath, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationPath);
        var destination = System.IO.Path.GetFullPath(destinationPath);
        if (File.Exists(destination) || string.Equals(destination, Path, StringComparison.Ordinal))
        {
            throw new IOException($"The backup of the SQLite store '{Path}' cannot go to '{destination}': the file exists. Choose a new path, or delete the old backup first.");
        }

        var doing = $"backing it up to '{destination}'";
        var writer = await EnterWriterAsync(doing, cancellationToken).ConfigureAwait(false);
        try
        {
            using var copy = StoreConnections.OpenBackupDestination(destination);
            writer.BackupDatabase(copy);
        }
        catch (SqliteException exception)
        {
            throw StoreErrors.From(exception, Path, doing);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async ValueTask<T> WriteAsync<T>(string doing, Func<SqliteConnection, SqliteTransaction, T> write, CancellationToken cancellationToken)
    {
        var writer = await EnterWriterAsync(doing, cancellationToken).ConfigureAwait(false);
        try
        {
            using var transaction = writer.BeginTransaction(deferred: false);
            var result = write(writer, transaction);
            cancellationToken.ThrowIfCancellationRequested();
            transaction.Commit();
            return result;
        }
        catch (SqliteException exception)
        {
            throw StoreErrors.From(exception, Path, doing);
        }
        finally
        {
            _gate.Release();
        }
    }
}
