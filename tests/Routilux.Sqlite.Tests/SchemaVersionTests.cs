using Microsoft.Data.Sqlite;
using Routilux.Sqlite.Schema;

namespace Routilux.Sqlite.Tests;

/// <summary>The schema_version table at open: migrations in order, files from newer code refused or accepted by their minimum reader.</summary>
public sealed class SchemaVersionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_file_that_needs_a_newer_reader_is_refused_naming_both_versions_and_the_file()
    {
        var path = await StoreWithOneWorkerAsync("newer.db");
        using (var raw = Checkpoints.OpenRaw(path))
        {
            Checkpoints.Execute(raw, "UPDATE schema_version SET version = 4, minimum_reader_version = 3;");
        }

        await using var store = new SqliteWorkerStore(path);
        var error = await Assert.ThrowsAsync<RoutiluxSerializationException>(async () => await store.LoadLatestCheckpointAsync("w"));

        Assert.Contains($"'{path}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("schema version 4", error.Message, StringComparison.Ordinal);
        Assert.Contains("reads schema version 3 or newer", error.Message, StringComparison.Ordinal);
        Assert.Contains($"schema versions up to {SchemaMigrations.Current}", error.Message, StringComparison.Ordinal);
        Assert.Contains("update the Routilux.Sqlite package", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_from_newer_code_that_older_readers_may_use_opens_and_keeps_its_version()
    {
        var path = await StoreWithOneWorkerAsync("compatible.db");
        using (var raw = Checkpoints.OpenRaw(path))
        {
            // What a later additive migration leaves: a table this code does not know, the minimum reader unchanged.
            Checkpoints.Execute(raw, "CREATE TABLE flow_definitions (flow_id TEXT PRIMARY KEY); UPDATE schema_version SET version = 2;");
        }

        await using (var store = new SqliteWorkerStore(path))
        {
            Checkpoints.AssertIs(await store.LoadLatestCheckpointAsync("w"), "w", 1);
            await store.SaveCheckpointAsync(Checkpoints.Make("w", 2));
        }

        using var check = Checkpoints.OpenRaw(path);
        Assert.Equal(2L, Checkpoints.Scalar(check, "SELECT version FROM schema_version;"));
    }

    [Fact]
    public void Migrations_apply_in_order_from_the_version_a_file_is_at_each_recorded_with_its_minimum_reader()
    {
        var path = _folder.File("chain.db");
        SchemaMigration[] chain =
        [
            new(1, 1, "items", "CREATE TABLE items (id INTEGER PRIMARY KEY);"),
            new(2, 1, "an added column, older readers still fine", "ALTER TABLE items ADD COLUMN name TEXT; INSERT INTO items (name) VALUES ('from v2');"),
            new(3, 3, "a change older readers would misread", "CREATE TABLE renamed AS SELECT id, name AS title FROM items; DROP TABLE items;"),
        ];

        using var connection = Checkpoints.OpenRaw(path);
        Assert.Equal(new SchemaVersionTable.Recorded(1, 1), SchemaVersionTable.Migrate(connection, path, chain[..1]));
        Assert.Equal(new SchemaVersionTable.Recorded(3, 3), SchemaVersionTable.Migrate(connection, path, chain));

        // Step 2 ran before step 3 (its row moved into the renamed table), and a second open changes nothing.
        Assert.Equal("from v2", Checkpoints.Scalar(connection, "SELECT title FROM renamed;"));
        Assert.Equal(new SchemaVersionTable.Recorded(3, 3), SchemaVersionTable.Migrate(connection, path, chain));
        Assert.Equal(1L, Checkpoints.Scalar(connection, "SELECT count(*) FROM renamed;"));

        // Code that knows only version 2 now refuses the file.
        var error = Assert.Throws<RoutiluxSerializationException>(() => SchemaVersionTable.Migrate(connection, path, chain[..2]));
        Assert.Contains("up to 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failing_migration_leaves_the_file_at_the_version_it_was()
    {
        var path = _folder.File("failing.db");
        SchemaMigration[] chain =
        [
            new(1, 1, "items", "CREATE TABLE items (id INTEGER PRIMARY KEY);"),
            new(2, 1, "adds a table", "CREATE TABLE more (id INTEGER);"),
            new(3, 1, "broken", "ALTER TABLE no_such_table ADD COLUMN x TEXT;"),
        ];

        using var connection = Checkpoints.OpenRaw(path);
        SchemaVersionTable.Migrate(connection, path, chain[..1]);
        Assert.Throws<SqliteException>(() => SchemaVersionTable.Migrate(connection, path, chain));

        Assert.Equal(1L, Checkpoints.Scalar(connection, "SELECT version FROM schema_version;"));
        Assert.Equal(0L, Checkpoints.Scalar(connection, "SELECT count(*) FROM sqlite_schema WHERE name = 'more';"));
    }

    private async Task<string> StoreWithOneWorkerAsync(string name)
    {
        var path = _folder.File(name);
        await using var store = new SqliteWorkerStore(path);
        await store.SaveCheckpointAsync(Checkpoints.Make("w", 1));
        return path;
    }
}
