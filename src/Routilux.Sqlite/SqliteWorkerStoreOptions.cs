namespace Routilux.Sqlite;

/// <summary>Settings of a <see cref="SqliteWorkerStore"/>.</summary>
public sealed class SqliteWorkerStoreOptions
{
    /// <summary>
    /// How hard each save is pushed to the disk (default <see cref="SqliteSynchronous.Normal"/>: survives a killed
    /// process; <see cref="SqliteSynchronous.Full"/> also survives a power loss).
    /// </summary>
    public SqliteSynchronous Synchronous { get; init; } = SqliteSynchronous.Normal;

    /// <summary>
    /// How long an operation waits for another connection's lock on the file (another process using the same file,
    /// or a backup) before it fails (default 5 seconds; more than zero, at most 24 days).
    /// </summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Throws when a setting is out of range, naming the setting.</summary>
    internal void Validate()
    {
        if (Synchronous is not (SqliteSynchronous.Normal or SqliteSynchronous.Full))
        {
            throw new ArgumentOutOfRangeException(
                nameof(Synchronous), Synchronous, $"{nameof(SqliteWorkerStoreOptions)}.{nameof(Synchronous)} must be {nameof(SqliteSynchronous.Normal)} or {nameof(SqliteSynchronous.Full)}.");
        }

        if (BusyTimeout <= TimeSpan.Zero || BusyTimeout.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(
                nameof(BusyTimeout), BusyTimeout, $"{nameof(SqliteWorkerStoreOptions)}.{nameof(BusyTimeout)} must be more than zero and at most {TimeSpan.FromMilliseconds(int.MaxValue)}.");
        }
    }
}
