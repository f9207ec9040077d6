using Microsoft.Data.Sqlite;

namespace Routilux.Sqlite;

/// <summary>
/// The store's error messages, in one place so each names the file, the worker and the checkpoint, and says what to do.
/// </summary>
internal static class StoreErrors
{
    // SQLite's primary result codes the store tells apart (https://sqlite.org/rescode.html).
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;
    private const int SqliteCantOpen = 14;

    /// <summary>Whether SQLite says the file's pages are damaged (truncated or overwritten).</summary>
    public static bool IsCorrupt(SqliteException exception) => exception.SqliteErrorCode == SqliteCorrupt;

    /// <summary>Whether SQLite says the file is not a database at all (a bad header).</summary>
    public static bool IsNotADatabase(SqliteException exception) => exception.SqliteErrorCode == SqliteNotADatabase;

    /// <summary>
    /// Turns what SQLite reported while <paramref name="doing"/> (for example "loading the newest checkpoint of worker
    /// 'w'") into an exception that says which file, what happened and what to do.
    /// </summary>
    public static Exception From(SqliteException exception, string path, string doing)
    {
        if (IsNotADatabase(exception))
        {
            return NotADatabase(path, doing, exception);
        }

        if (IsCorrupt(exception))
        {
            return new RoutiluxSerializationException(
                $"The SQLite store '{path}' is damaged (SQLite: {exception.Message}) and failed while {doing}. The part of the file that " +
                "holds it was truncated or overwritten; other workers' checkpoints may still load. Restore the file from a backup, or " +
                "copy the workers that still load into a new store (load each with LoadLatestCheckpointAsync, save it with " +
                "SaveCheckpointAsync) and use that file from now on.",
                exception);
        }

        if (exception.SqliteErrorCode == SqliteCantOpen)
        {
            return new IOException(
                $"The SQLite store '{path}' could not be opened while {doing} (SQLite: {exception.Message}). Check that the file and its " +
                "folder exist and that this process may read and write them (the store also writes '-wal' and '-shm' files beside it).",
                exception);
        }

        return new IOException(
            $"The SQLite store '{path}' failed while {doing} (SQLite: {exception.Message}). If another process holds the file " +
            $"locked, raise {nameof(SqliteWorkerStoreOptions)}.{nameof(SqliteWorkerStoreOptions.BusyTimeout)}; if the disk is full or " +
            "read-only, free or fix it and retry.",
            exception);
    }

    /// <summary>The file is not a SQLite database, or its first page (the header) is damaged.</summary>
    public static RoutiluxSerializationException NotADatabase(string path, string doing, Exception? inner) =>
        new($"The file '{path}' is not a SQLite database, or its header is damaged, so it failed while {doing}. If it is a Routilux " +
            "store that was overwritten or truncated to a few bytes, restore it from a backup; otherwise give the store a path " +
            "of its own (it creates the file when it is missing).",
            inner);

    /// <summary>SQLite finds the file damaged and not even its schema reads, so nothing can be salvaged through the store.</summary>
    public static RoutiluxSerializationException Unreadable(string path, string doing, SqliteException damage) =>
        new($"The SQLite store '{path}' is damaged beyond what the store can read (SQLite: {damage.Message}; not even its schema " +
            $"reads), so opening it for {doing} failed. The file was truncated or overwritten near its start. Restore it from a " +
            "backup; the sqlite3 shell's .recover command may rescue rows into a new file.",
            damage);

    /// <summary>The stored checksum does not match the stored document.</summary>
    public static RoutiluxSerializationException ChecksumMismatch(string path, string workerId, long sequence, long? previous) =>
        new($"Checkpoint {sequence} of worker '{workerId}' in the SQLite store '{path}' is damaged: the SHA-256 of its document does " +
            "not match the checksum stored beside it, so the bytes changed after they were saved. " +
            (previous is { } p
                ? $"The store still has checkpoint {p} of that worker: delete the damaged one with DeleteCheckpointAsync(\"{workerId}\", " +
                  $"{sequence}) and resume the worker, which then starts from checkpoint {p} (its messages since then run again), or "
                : "It is the worker's only checkpoint: ") +
            "restore the file from a backup. ListCheckpointsAsync lists the worker's checkpoints.");

    /// <summary>A field of a checkpoint row that is not in the form the store wrote.</summary>
    public static RoutiluxSerializationException BadRow(string path, string workerId, long sequence, string what, Exception? inner) =>
        new($"Checkpoint {sequence} of worker '{workerId}' in the SQLite store '{path}' is damaged: {what}. Delete it with " +
            $"DeleteCheckpointAsync(\"{workerId}\", {sequence}) to resume from the previous checkpoint, or restore the file from a backup.",
            inner);

    /// <summary>A write asked of a store opened for salvage.</summary>
    public static RoutiluxSerializationException ReadOnlyDamaged(string path, string doing, string damage) =>
        new($"The SQLite store '{path}' is damaged (SQLite: {damage}; the file was truncated or overwritten), so it is open " +
            $"read-only for salvage and refused {doing}. Checkpoints on the pages that survived still load. Copy the " +
            "workers you need into a new store (load each with LoadLatestCheckpointAsync, save it with SaveCheckpointAsync) and use " +
            "that file from now on, or restore this one from a backup.");
}
