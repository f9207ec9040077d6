namespace Routilux.Sqlite;

/// <summary>
/// How hard a <see cref="SqliteWorkerStore"/> pushes each saved checkpoint to the disk: SQLite's
/// <c>PRAGMA synchronous</c>, in WAL mode.
/// </summary>
public enum SqliteSynchronous
{
    /// <summary>
    /// SQLite's <c>NORMAL</c> (the default): a saved checkpoint survives the process being killed at any moment
    /// (<c>kill -9</c>, a crash, an out-of-memory kill), because the write-ahead log is in the operating system's
    /// cache the moment the save returns. A power loss or an operating-system crash may roll back the last few saves
    /// (never leave a torn one): the store then holds an older checkpoint, which the worker resumes from.
    /// </summary>
    Normal = 1,

    /// <summary>
    /// SQLite's <c>FULL</c>: every save is flushed to the disk (fsync) before it returns, so it survives a power loss
    /// too, at the cost of one flush per checkpoint (milliseconds on most disks).
    /// </summary>
    Full = 2,
}
