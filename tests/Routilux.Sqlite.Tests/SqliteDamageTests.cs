namespace Routilux.Sqlite.Tests;

/// <summary>
/// Damaged files: a flipped byte in a checkpoint (through SQL and on the disk), a truncated file, a file that is not a
/// database. Each error names the file and the worker and says what to do, and the other workers still load.
/// </summary>
public sealed class SqliteDamageTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_flipped_byte_in_a_row_names_the_worker_and_sequence_and_the_previous_checkpoint_and_other_workers_still_load()
    {
        var path = _folder.File("flipped.db");
        await using var store = await ThreeWorkersAsync(path);
        using (var raw = Checkpoints.OpenRaw(path))
        {
            // One byte of the document, changed behind the store's back: its length and everything else stay.
            Checkpoints.Execute(raw, """
                UPDATE checkpoints SET document = substr(document, 1, 19) || x'7E' || substr(document, 21)
                WHERE worker_id = 'b' AND sequence = 2;
                """);
        }

        var error = await Assert.ThrowsAsync<RoutiluxSerializationException>(async () => await store.LoadLatestCheckpointAsync("b"));

        Assert.Contains("Checkpoint 2 of worker 'b'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{path}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("SHA-256", error.Message, StringComparison.Ordinal);
        Assert.Contains("DeleteCheckpointAsync(\"b\", 2)", error.Message, StringComparison.Ordinal);
        Assert.Contains("checkpoint 1", error.Message, StringComparison.Ordinal);
        await AssertLoadsAsync(store, "a", "c");

        // What the message says to do works: the previous checkpoint loads, and after the delete it is the newest.
        Checkpoints.AssertIs(await store.LoadCheckpointAsync("b", 1), "b", 1, padding: 3000);
        Assert.True(await store.DeleteCheckpointAsync("b", 2));
        Checkpoints.AssertIs(await store.LoadLatestCheckpointAsync("b"), "b", 1, padding: 3000);
        await store.SaveCheckpointAsync(Checkpoints.Make("b", 2, padding: 3000));
        Checkpoints.AssertIs(await store.LoadLatestCheckpointAsync("b"), "b", 2, padding: 3000);
    }

    [Fact]
    public async Task A_flipped_byte_in_the_file_on_disk_names_the_worker_and_other_workers_still_load()
    {
        var path = _folder.File("on-disk.db");
        await (await ThreeWorkersAsync(path)).DisposeAsync();

        // The store is closed, so the WAL is folded into the file: find worker b's newest document there and flip a bit.
        var bytes = await File.ReadAllBytesAsync(path);
        var document = Checkpoints.Document("b", 2, padding: 3000);
        var at = bytes.AsSpan().IndexOf(document.AsSpan(0, 200));
        Assert.True(at > 0, "the document's first bytes are on one page of the file");
        bytes[at + 100] ^= 0x01;
        await File.WriteAllBytesAsync(path, bytes);

        await using var store = new SqliteWorkerStore(path);
        var error = await Assert.ThrowsAsync<RoutiluxSerializationException>(async () => await store.LoadLatestCheckpointAsync("b"));

        Assert.Contains("Checkpoint 2 of worker 'b'", error.Message, StringComparison.Ordinal);
        Assert.Contains("damaged", error.Message, StringComparison.Ordinal);
        await AssertLoadsAsync(store, "a", "c");
        Assert.Equal(["a", "b", "c"], await store.ListWorkersAsync());
    }

    [Fact]
    public async Task A_damaged_only_checkpoint_says_so_and_points_to_a_backup()
    {
        var path = _folder.File("only.db");
        await using var store = new SqliteWorkerStore(path);
        await store.SaveCheckpointAsync(Checkpoints.Make("solo", 5));
        using (var raw = Checkpoints.OpenRaw(path))
        {
            Checkpoints.Execute(raw, "UPDATE checkpoints SET document_sha256 = zeroblob(32);");
        }

        var error = await Assert.ThrowsAsync<RoutiluxSerializationException>(async () => await store.LoadCheckpointAsync("solo", 5));

        Assert.Contains("Checkpoint 5 of worker 'solo'", error.Message, StringComparison.Ordinal);
        Assert.Contains("only checkpoint", error.Message, StringComparison.Ordinal);
        Assert.Contains("backup", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_damaged_created_at_names_the_worker_and_sequence()
    {
        var path = _folder.File("created.db");
        await using var store = new SqliteWorkerStore(path);
        await store.SaveCheckpointAsync(Checkpoints.Make("w", 1));
        using (var raw = Checkpoints.OpenRaw(path))
        {
            Checkpoints.Execute(raw, "UPDATE checkpoints SET created_at = 'yesterday';");
        }

        var error = await Assert.ThrowsAsync<RoutiluxSerializationException>(async () => await store.LoadLatestCheckpointAsync("w"));

        Assert.Contains("Checkpoint 1 of worker 'w'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'yesterday'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_file_opens_for_salvage_the_lost_worker_is_named_and_the_others_still_load()
    {
        var path = _folder.File("truncated.db");
        await using (var writing = new SqliteWorkerStore(path))
        {
            // Worker b's document is large and saved last but one, so its overflow pages are at the end of the file.
            await writing.SaveCheckpointAsync(Checkpoints.Make("a", 1));
            await writing.SaveCheckpointAsync(Checkpoints.Make("b", 1, padding: 40_000));
            await writing.SaveCheckpointAsync(Checkpoints.Make("c", 1));
        }

        await using (var file = new FileStream(path, FileMode.Open))
        {
            file.SetLength(file.Length - (3 * 4096));
        }

        await using var store = new SqliteWorkerStore(path);
        Checkpoints.AssertIs(await store.LoadLatestCheckpointAsync("a"), "a", 1);
        Checkpoints.AssertIs(await store.LoadLatestCheckpointAsync("c"), "c", 1);
        Assert.Equal(["a", "b", "c"], await store.ListWorkersAsync());
        Assert.True(store.IsSalvaging);

        var lost = await Assert.ThrowsAsync<RoutiluxSerializationException>(async () => await store.LoadLatestCheckpointAsync("b"));
        Assert.Contains("worker 'b'", lost.Message, StringComparison.Ordinal);
        Assert.Contains($"'{path}'", lost.Message, StringComparison.Ordinal);
        Assert.Contains("backup", lost.Message, StringComparison.Ordinal);

        // Salvage is read-only: a write says why and how to move the intact workers to a new file.
        var write = await Assert.ThrowsAsync<RoutiluxSerializationException>(async () => await store.SaveCheckpointAsync(Checkpoints.Make("a", 2)));
        Assert.Contains("read-only for salvage", write.Message, StringComparison.Ordinal);
        Assert.Contains("saving checkpoint 2 of worker 'a'", write.Message, StringComparison.Ordinal);
        Assert.Contains("new store", write.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<RoutiluxSerializationException>(async () => await store.DeleteWorkerAsync("b"));

        // Which is what the message says: the intact workers move to a new file.
        await using var rescued = new SqliteWorkerStore(_folder.File("rescued.db"));
        foreach (var id in new[] { "a", "c" })
        {
            await rescued.SaveCheckpointAsync((await store.LoadLatestCheckpointAsync(id))!);
        }

        Assert.Equal(["a", "c"], await rescued.ListWorkersAsync());
    }

    [Fact]
    public async Task A_file_truncated_into_its_header_is_named_as_unreadable_by_the_call_that_opened_it()
    {
        var path = _folder.File("stub.db");
        await (await ThreeWorkersAsync(path)).DisposeAsync();
        await using (var file = new FileStream(path, FileMode.Open))
        {
            file.SetLength(60);
        }

        await using var store = new SqliteWorkerStore(path);
        var error = await Assert.ThrowsAsync<RoutiluxSerializationException>(async () => await store.LoadLatestCheckpointAsync("a"));

        Assert.Contains($"'{path}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("damaged beyond what the store can read", error.Message, StringComparison.Ordinal);
        Assert.Contains("backup", error.Message, StringComparison.Ordinal);
        Assert.Contains("worker 'a'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_is_named_and_left_alone()
    {
        var path = _folder.File("notes.txt");
        var text = string.Concat(Enumerable.Repeat("These are notes, not a database. ", 200));
        await File.WriteAllTextAsync(path, text);

        await using var store = new SqliteWorkerStore(path);
        var error = await Assert.ThrowsAsync<RoutiluxSerializationException>(async () => await store.ListWorkersAsync());
        var again = await Assert.ThrowsAsync<RoutiluxSerializationException>(async () => await store.SaveCheckpointAsync(Checkpoints.Make("w", 1)));

        Assert.Contains($"'{path}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("not a SQLite database", error.Message, StringComparison.Ordinal);
        Assert.Contains("not a SQLite database", again.Message, StringComparison.Ordinal);
        Assert.Contains("saving checkpoint 1 of worker 'w'", again.Message, StringComparison.Ordinal);
        Assert.Equal(text, await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task Another_applications_database_is_refused_and_left_alone()
    {
        var path = _folder.File("theirs.db");
        using (var raw = Checkpoints.OpenRaw(path))
        {
            Checkpoints.Execute(raw, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('Ada');");
        }

        await using var store = new SqliteWorkerStore(path);
        var error = await Assert.ThrowsAsync<RoutiluxSerializationException>(async () => await store.ListWorkersAsync());

        Assert.Contains($"'{path}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("another application", error.Message, StringComparison.Ordinal);
        using var check = Checkpoints.OpenRaw(path);
        Assert.Equal(0L, Checkpoints.Scalar(check, "SELECT count(*) FROM sqlite_schema WHERE name IN ('schema_version', 'workers', 'checkpoints');"));
    }

    private static async Task<SqliteWorkerStore> ThreeWorkersAsync(string path)
    {
        var store = new SqliteWorkerStore(path);
        foreach (var id in new[] { "a", "b", "c" })
        {
            await store.SaveCheckpointAsync(Checkpoints.Make(id, 1, padding: 3000));
            await store.SaveCheckpointAsync(Checkpoints.Make(id, 2, padding: 3000));
        }

        return store;
    }

    private static async Task AssertLoadsAsync(SqliteWorkerStore store, params string[] workerIds)
    {
        foreach (var id in workerIds)
        {
            Checkpoints.AssertIs(await store.LoadLatestCheckpointAsync(id), id, 2, padding: 3000);
            Checkpoints.AssertIs(await store.LoadCheckpointAsync(id, 1), id, 1, padding: 3000);
        }
    }
}
