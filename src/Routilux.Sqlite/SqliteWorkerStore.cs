using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Routilux.Sqlite.Schema;

namespace Routilux.Sqlite;

/// <summary>
/// An <see cref="IWorkerStore"/> in one SQLite file: the embedded default for checkpoints that must outlive the process.
/// The file is created when missing (its folder must exist), kept in WAL mode, and each save is one transaction that
/// also deletes the worker's older checkpoints, keeping the two newest. Every document is stored with its SHA-256 and
/// checked on load. See docs/durable-state.md ("Stores") for the guarantees, the file layout and backups.
/// </summary>
/// <remarks>
/// <para>
/// The file is opened by the first operation, not by the constructor, so opening is asynchronous and cancellable like
/// every other call; an unusable file (not a SQLite database, another application's database, a schema newer than
/// this code reads) fails that first call, and every later one, with an exception naming the file.
/// </para>
/// <para>
/// Writes go through one connection, one at a time (a <see cref="SemaphoreSlim"/>); reads open a connection of their
/// own, so they run beside a write and never see half of one. Microsoft.Data.Sqlite has no truly asynchronous I/O: the
/// asynchronous methods here do their SQLite work synchronously on the calling thread, and honour the cancellation
/// token before the work and, for a save, once more just before the commit. Several processes may share a file; SQLite
/// locks it, and <see cref="SqliteWorkerStoreOptions.BusyTimeout"/> bounds the wait.
/// </para>
/// <para>
/// A file that SQLite finds truncated opens for salvage: read-only, loading every checkpoint whose pages survived
/// (each one on a lost page fails with an error naming its worker), and refusing writes with an error that says how to
/// move the intact workers to a new file.
/// </para>
/// </remarks>
[DebuggerDisplay("SqliteWorkerStore {Path,nq}")]
public sealed partial class SqliteWorkerStore : IWorkerStore, IAsyncDisposable, IDisposable
{
    // Immutable after construction.
    private readonly StoreConnections _connections;

    // The one writer: held by whoever writes, opens or disposes; readers never take it.
    private readonly SemaphoreSlim _gate = new(1, 1);

    // Written under _gate only. Invariants once _opened: exactly one of _writer and _salvageDamage is set (until
    // disposed, when _writer is closed); _salvageDamage is SQLite's message for the damage that forced salvage mode.
    private SqliteConnection? _writer;
    private string? _salvageDamage;

    // Read without _gate (volatile): set once under _gate after a successful open; _disposed set once, by dispose.
    private volatile bool _opened;
    private volatile bool _disposed;

    /// <summary>How many checkpoints of each worker are kept.</summary>
    public const int KeptPerWorker = CheckpointRows.KeptPerWorker;

    /// <summary>Creates a store on a SQLite file. The file is created and opened by the first operation.</summary>
    /// <param name="path">The database file; relative paths are taken from the current directory. Its folder must exist.</param>
    /// <param name="options">Settings; the defaults when <see langword="null"/>.</param>
    /// <exception cref="DirectoryNotFoundException">The file's folder does not exist.</exception>
    public SqliteWorkerStore(string path, SqliteWorkerStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= new SqliteWorkerStoreOptions();
        options.Validate();
        Path = System.IO.Path.GetFullPath(path);
        var folder = System.IO.Path.GetDirectoryName(Path);
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException(
                $"The folder '{folder}' of the SQLite store file '{Path}' does not exist. Create the folder first: the store creates " +
                "its file, not the folders above it.");
        }

        Options = options;
        _connections = new StoreConnections(Path, options);
    }

    /// <summary>The full path of the database file.</summary>
    public string Path { get; }

    /// <summary>The store's settings.</summary>
    public SqliteWorkerStoreOptions Options { get; }

    /// <summary>Closes the file, after any save in progress has finished. Later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;

            // The last connection to close checkpoints the WAL into the main file and deletes it, so the file can be
            // copied as it is (readers are per call and closed already, or close on their own).
            _writer?.Dispose();
            _writer = null;
        }
        finally
        {
            // Never disposed: a caller waiting for the gate must still get it, see _disposed and throw, not hang.
            _gate.Release();
        }
    }

    /// <summary>Closes the file, after any save in progress has finished.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <inheritdoc />
    public override string ToString() => $"SQLite worker store '{Path}'";

    /// <summary>For tests: runs a pragma on the writer connection and returns its value (for example "synchronous").</summary>
    internal async ValueTask<object?> ReadWriterPragmaAsync(string name)
    {
        var writer = await EnterWriterAsync($"reading PRAGMA {name}", CancellationToken.None).ConfigureAwait(false);
        try
        {
            using var command = writer.CreateCommand();
            command.CommandText = $"PRAGMA {name};";
            return command.ExecuteScalar();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>For tests: whether the file opened for salvage (read-only, damaged).</summary>
    internal bool IsSalvaging => _opened && _salvageDamage is not null;

    /// <summary>
    /// Takes the gate and returns the writer, opening the file first when needed. The caller releases the gate. Throws,
    /// gate released, when the store is disposed, the file cannot be opened, or it is open only for salvage.
    /// </summary>
    private async ValueTask<SqliteConnection> EnterWriterAsync(string doing, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            cancellationToken.ThrowIfCancellationRequested();
            OpenUnderGate(doing);
            if (_salvageDamage is { } damage)
            {
                throw StoreErrors.ReadOnlyDamaged(Path, doing, damage);
            }

            AssertInvariants();
            return _writer!;
        }
        catch
        {
            _gate.Release();
            throw;
        }
    }

    /// <summary>Opens the file for reading when no operation has yet; returns whether reads must salvage.</summary>
    private async ValueTask<bool> EnsureOpenForReadAsync(string doing, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_opened)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                OpenUnderGate(doing);
            }
            finally
            {
                _gate.Release();
            }
        }

        return _salvageDamage is not null;
    }

    /// <summary>
    /// Opens the writer and brings the schema up to date; falls back to salvage when SQLite finds the file damaged.
    /// <paramref name="doing"/> is the call that opens, which errors name ("loading the newest checkpoint of worker 'w'").
    /// </summary>
    private void OpenUnderGate(string doing)
    {
        if (_opened)
        {
            return;
        }

        SqliteConnection? writer = null;
        try
        {
            writer = _connections.OpenWriter();
            SchemaVersionTable.Migrate(writer, Path, SchemaMigrations.All);
            _writer = writer;
        }
        catch (SqliteException exception) when (StoreErrors.IsCorrupt(exception))
        {
            writer?.Dispose();
            OpenForSalvage(exception, doing);
        }
        catch (SqliteException exception)
        {
            writer?.Dispose();
            throw StoreErrors.From(exception, Path, $"opening it for {doing}");
        }
        catch
        {
            writer?.Dispose();
            throw;
        }

        _opened = true;
        AssertInvariants();
    }

    private void OpenForSalvage(SqliteException damage, string doing)
    {
        try
        {
            using var reader = _connections.OpenReader(salvage: true);
            SchemaVersionTable.ReadAndCheck(reader, Path, SchemaMigrations.Current);
        }
        catch (SqliteException)
        {
            // Not even the schema reads: nothing can be salvaged through the store.
            throw StoreErrors.Unreadable(Path, doing, damage);
        }

        _salvageDamage = damage.Message;
    }

    [Conditional("DEBUG")]
    private void AssertInvariants()
    {
        Debug.Assert(_gate.CurrentCount == 0, "the store's fields change only under its gate");
        Debug.Assert(!_opened || _disposed || (_writer is null) != (_salvageDamage is null), "an open store has either a writer or a salvage reason, never both");
    }
}
