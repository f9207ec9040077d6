using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Routilux.Sqlite;

/// <summary>
/// Opens the store file's connections with the settings each needs: the one writer (WAL, the synchronous level, foreign
/// keys) and short-lived readers (read-only by pragma; in salvage mode also tolerant of a truncated file).
/// </summary>
/// <remarks>
/// Pooling is off: a reader is opened per read and closed after it, so a disposed store holds no file handle (tests and
/// users may delete or copy the file right away) and closing the writer, the last connection, checkpoints the WAL into
/// the main file. A checkpoint store is read rarely (at resume), so the cost of an open per read does not matter.
/// </remarks>
internal sealed class StoreConnections
{
    // The file's full path, and the settings; immutable after construction.
    private readonly string _path;
    private readonly SqliteWorkerStoreOptions _options;
    private readonly string _writerConnectionString;
    private readonly string _readerConnectionString;

    public StoreConnections(string path, SqliteWorkerStoreOptions options)
    {
        _path = path;
        _options = options;
        var busySeconds = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds);
        _writerConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = busySeconds,
        }.ToString();

        // Readers never create the file: a file deleted under a running store is an error, not a new empty store.
        _readerConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = busySeconds,
        }.ToString();
    }

    /// <summary>
    /// Opens the writer: WAL journal (checked, since SQLite silently keeps another mode where WAL is impossible), the
    /// synchronous level, the busy timeout and foreign keys. Throws <see cref="SqliteException"/> as SQLite reports it.
    /// </summary>
    public SqliteConnection OpenWriter()
    {
        var connection = new SqliteConnection(_writerConnectionString);
        try
        {
            connection.Open();
            var mode = Convert.ToString(Scalar(connection, "PRAGMA journal_mode = WAL;"), CultureInfo.InvariantCulture);
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new IOException(
                    $"The SQLite store '{_path}' could not be switched to WAL journal mode (SQLite kept '{mode}'). WAL needs a file on a " +
                    "local file system that supports shared memory: put the store on a local disk, not a network share.");
            }

            var synchronous = _options.Synchronous == SqliteSynchronous.Full ? "FULL" : "NORMAL";
            Execute(connection, $"PRAGMA synchronous = {synchronous}; PRAGMA foreign_keys = ON; {BusyTimeoutPragma()}");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens a reader. <paramref name="salvage"/> lets it read a file SQLite would refuse as truncated: with
    /// <c>writable_schema</c> on, SQLite takes the pages the file still has instead of the count its header claims, so
    /// rows on surviving pages read and rows on lost pages fail one by one.
    /// </summary>
    public SqliteConnection OpenReader(bool salvage)
    {
        var connection = new SqliteConnection(_readerConnectionString);
        try
        {
            connection.Open();
            Execute(connection, $"PRAGMA query_only = ON; {BusyTimeoutPragma()}{(salvage ? " PRAGMA writable_schema = ON;" : "")}");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Opens a connection that creates <paramref name="destinationPath"/>, for a backup.</summary>
    public static SqliteConnection OpenBackupDestination(string destinationPath)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = destinationPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    private string BusyTimeoutPragma() =>
        $"PRAGMA busy_timeout = {(int)_options.BusyTimeout.TotalMilliseconds};";

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
