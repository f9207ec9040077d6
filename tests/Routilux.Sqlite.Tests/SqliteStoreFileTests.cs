using System.Security.Cryptography;
using Routilux.Sqlite.Schema;

namespace Routilux.Sqlite.Tests;

/// <summary>What the SQLite store does with its file: settings that reach SQLite, the schema it writes, reopening, backups.</summary>
public sealed class SqliteStoreFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_reopened_file_still_has_every_worker_and_checkpoint()
    {
        var path = _folder.File("reopen.db");
        await using (var store = new SqliteWorkerStore(path))
        {
            for (var sequence = 1; sequence <= 3; sequence++)
            {
                await store.SaveCheckpointAsync(Checkpoints.Make("a", sequence, padding: 10_000));
            }

            await store.SaveCheckpointAsync(Checkpoints.Make("b", 7, flowId: "other"));
        }

        // Closing the last connection folds the WAL into the file.
        Assert.False(File.Exists(path + "-wal"));

        await using var reopened = new SqliteWorkerStore(path);
        Assert.Equal(["a", "b"], await reopened.ListWorkersAsync());
        Assert.Equal([2L, 3L], await reopened.ListCheckpointsAsync("a"));
        Checkpoints.AssertIs(await reopened.LoadLatestCheckpointAsync("a"), "a", 3, padding: 10_000);
        Checkpoints.AssertIs(await reopened.LoadCheckpointAsync("a", 2), "a", 2, padding: 10_000);
        Checkpoints.AssertIs(await reopened.LoadLatestCheckpointAsync("b"), "b", 7, flowId: "other");

        // Sequences carry on from what the file holds.
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await reopened.SaveCheckpointAsync(Checkpoints.Make("a", 3)));
    }

    [Fact]
    public async Task The_file_is_in_WAL_mode_with_synchronous_NORMAL_and_the_busy_timeout_by_default()
    {
        var path = _folder.File("defaults.db");
        await using var store = new SqliteWorkerStore(path);
        await store.SaveCheckpointAsync(Checkpoints.Make("w", 1));

        // synchronous and busy_timeout belong to the connection, so they are read from the store's own writer.
        Assert.Equal(1L, await store.ReadWriterPragmaAsync("synchronous")); // NORMAL
        Assert.Equal(5000L, await store.ReadWriterPragmaAsync("busy_timeout"));
        Assert.Equal(1L, await store.ReadWriterPragmaAsync("foreign_keys"));

        // journal_mode=WAL is a property of the file: any connection sees it.
        using var raw = Checkpoints.OpenRaw(path);
        Assert.Equal("wal", Checkpoints.Scalar(raw, "PRAGMA journal_mode;"));
        Assert.True(File.Exists(path + "-wal"));
    }

    [Fact]
    public async Task Synchronous_FULL_and_a_busy_timeout_from_the_options_reach_SQLite()
    {
        await using var store = new SqliteWorkerStore(
            _folder.File("full.db"), new SqliteWorkerStoreOptions { Synchronous = SqliteSynchronous.Full, BusyTimeout = TimeSpan.FromMilliseconds(1500) });
        await store.SaveCheckpointAsync(Checkpoints.Make("w", 1));

        Assert.Equal(2L, await store.ReadWriterPragmaAsync("synchronous")); // FULL
        Assert.Equal(1500L, await store.ReadWriterPragmaAsync("busy_timeout"));
        Assert.Equal("wal", await store.ReadWriterPragmaAsync("journal_mode"));
    }

    [Fact]
    public void Settings_out_of_range_are_refused_by_name()
    {
        var path = _folder.File("bad.db");
        var zero = Assert.Throws<ArgumentOutOfRangeException>(() => new SqliteWorkerStore(path, new SqliteWorkerStoreOptions { BusyTimeout = TimeSpan.Zero }));
        var mode = Assert.Throws<ArgumentOutOfRangeException>(() => new SqliteWorkerStore(path, new SqliteWorkerStoreOptions { Synchronous = (SqliteSynchronous)7 }));

        Assert.Contains("SqliteWorkerStoreOptions.BusyTimeout", zero.Message, StringComparison.Ordinal);
        Assert.Contains("SqliteWorkerStoreOptions.Synchronous", mode.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task The_schema_version_table_records_the_version_the_minimum_reader_and_the_writer()
    {
        var path = _folder.File("schema.db");
        await using (var store = new SqliteWorkerStore(path))
        {
            await store.ListWorkersAsync();
        }

        using var raw = Checkpoints.OpenRaw(path);
        Assert.Equal((long)SchemaVersionTable.ApplicationId, Checkpoints.Scalar(raw, "PRAGMA application_id;"));
        Assert.Equal(1L, Checkpoints.Scalar(raw, "SELECT count(*) FROM schema_version;"));
        Assert.Equal(1L, Checkpoints.Scalar(raw, "SELECT version FROM schema_version;"));
        Assert.Equal(1L, Checkpoints.Scalar(raw, "SELECT minimum_reader_version FROM schema_version;"));
        Assert.StartsWith("Routilux.Sqlite 0.1.", (string)Checkpoints.Scalar(raw, "SELECT updated_by FROM schema_version;")!, StringComparison.Ordinal);
        Assert.True(DateTimeOffset.TryParse((string)Checkpoints.Scalar(raw, "SELECT updated_at FROM schema_version;")!, out _));
        Assert.Equal(
            "checkpoints,schema_version,workers",
            Checkpoints.Scalar(raw, "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name);"));
    }

    [Fact]
    public async Task Each_row_stores_the_SHA256_of_its_document_and_the_worker_row_its_flow()
    {
        var path = _folder.File("rows.db");
        await using var store = new SqliteWorkerStore(path);
        await store.SaveCheckpointAsync(Checkpoints.Make("w", 1, padding: 100, flowId: "first"));
        await store.SaveCheckpointAsync(Checkpoints.Make("w", 2, padding: 100, flowId: "second"));

        using var raw = Checkpoints.OpenRaw(path);
        Assert.Equal(SHA256.HashData(Checkpoints.Document("w", 2, 100)), (byte[])Checkpoints.Scalar(raw, "SELECT document_sha256 FROM checkpoints WHERE sequence = 2;")!);
        Assert.Equal("second", Checkpoints.Scalar(raw, "SELECT flow_id FROM workers WHERE worker_id = 'w';"));
        Assert.Equal(2L, Checkpoints.Scalar(raw, "SELECT count(*) FROM checkpoints;"));
    }

    [Fact]
    public void A_missing_folder_is_an_error_naming_it()
    {
        var folder = _folder.File("no-such-folder");
        var error = Assert.Throws<DirectoryNotFoundException>(() => new SqliteWorkerStore(Path.Combine(folder, "store.db")));

        Assert.Contains($"'{folder}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Create the folder first", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_stores_on_one_file_save_side_by_side_as_two_processes_would()
    {
        var path = _folder.File("shared.db");
        await using var first = new SqliteWorkerStore(path);
        await using var second = new SqliteWorkerStore(path);

        await Task.WhenAll(
            Task.Run(async () =>
            {
                for (var sequence = 1; sequence <= 30; sequence++)
                {
                    await first.SaveCheckpointAsync(Checkpoints.Make("first", sequence, padding: 500));
                }
            }),
            Task.Run(async () =>
            {
                for (var sequence = 1; sequence <= 30; sequence++)
                {
                    await second.SaveCheckpointAsync(Checkpoints.Make("second", sequence, padding: 500));
                }
            }));

        Assert.Equal(["first", "second"], await first.ListWorkersAsync());
        Checkpoints.AssertIs(await first.LoadLatestCheckpointAsync("second"), "second", 30, padding: 500);
        Checkpoints.AssertIs(await second.LoadLatestCheckpointAsync("first"), "first", 30, padding: 500);
    }

    [Fact]
    public async Task A_backup_is_a_store_of_its_own_with_everything_and_never_overwrites_a_file()
    {
        var path = _folder.File("live.db");
        var copy = _folder.File("backup.db");
        await using var store = new SqliteWorkerStore(path);
        await store.SaveCheckpointAsync(Checkpoints.Make("a", 1, padding: 20_000));
        await store.SaveCheckpointAsync(Checkpoints.Make("a", 2, padding: 20_000));
        await store.SaveCheckpointAsync(Checkpoints.Make("b", 1));

        await store.BackupAsync(copy);
        await store.SaveCheckpointAsync(Checkpoints.Make("a", 3));

        await using (var backup = new SqliteWorkerStore(copy))
        {
            Assert.Equal(["a", "b"], await backup.ListWorkersAsync());
            Checkpoints.AssertIs(await backup.LoadLatestCheckpointAsync("a"), "a", 2, padding: 20_000);
            Checkpoints.AssertIs(await backup.LoadCheckpointAsync("a", 1), "a", 1, padding: 20_000);
            Checkpoints.AssertIs(await backup.LoadLatestCheckpointAsync("b"), "b", 1);
        }

        var again = await Assert.ThrowsAsync<IOException>(async () => await store.BackupAsync(copy));
        Assert.Contains($"'{copy}'", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disposed_store_refuses_every_call_and_may_be_disposed_again()
    {
        var store = new SqliteWorkerStore(_folder.File("disposed.db"));
        await store.SaveCheckpointAsync(Checkpoints.Make("w", 1));
        await store.DisposeAsync();
        store.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.SaveCheckpointAsync(Checkpoints.Make("w", 2)));
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.LoadLatestCheckpointAsync("w"));
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.ListWorkersAsync());
    }

    [Fact]
    public async Task Nothing_is_created_until_the_first_call()
    {
        var path = _folder.File("lazy.db");
        await using var store = new SqliteWorkerStore(path);
        Assert.False(File.Exists(path));
        Assert.Equal(path, store.Path);
        Assert.Contains(path, store.ToString(), StringComparison.Ordinal);

        Assert.Empty(await store.ListWorkersAsync());
        Assert.True(File.Exists(path));
    }
}
