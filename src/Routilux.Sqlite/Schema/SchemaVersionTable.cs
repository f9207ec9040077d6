using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Routilux.Sqlite.Schema;

/// <summary>
/// Brings a store file to the newest schema this code knows, at open: marks a new file as a Routilux store, refuses a
/// file that belongs to another application or that needs a newer reader, and applies the missing migrations in order,
/// all in one write transaction (so two processes opening a new file at once never both create it).
/// </summary>
/// <remarks>
/// The <c>schema_version</c> table has one row: the schema version the file is at, the oldest schema version a reader
/// must know to use it, and who wrote it last and when. The file header's <c>application_id</c> says the file is a
/// Routilux store, so another application's database is refused rather than written into.
/// </remarks>
internal static class SchemaVersionTable
{
    /// <summary>The file header's <c>application_id</c> of a Routilux store: "RTLX" in ASCII.</summary>
    public const int ApplicationId = 0x52544C58;

    /// <summary>The schema version and minimum reader version a file records.</summary>
    public readonly record struct Recorded(int Version, int MinimumReaderVersion);

    /// <summary>Opens the schema of a store for use: creates, checks and migrates. Returns what the file now records.</summary>
    public static Recorded Migrate(SqliteConnection connection, string path, IReadOnlyList<SchemaMigration> migrations)
    {
        AssertOrdered(migrations);
        var current = migrations[^1].Version;

        using var transaction = connection.BeginTransaction(deferred: false);
        Recorded recorded;
        if (!TableExists(connection, transaction))
        {
            if (UserTableCount(connection, transaction) > 0 || ReadApplicationId(connection, transaction) is not (0 or ApplicationId))
            {
                throw NotARoutiluxStore(path);
            }

            Execute(connection, transaction, $"""
                PRAGMA application_id = {ApplicationId};
                CREATE TABLE schema_version (
                    id                     INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
                    version                INTEGER NOT NULL,
                    minimum_reader_version INTEGER NOT NULL,
                    updated_at             TEXT    NOT NULL,
                    updated_by             TEXT    NOT NULL
                );
                """);
            recorded = new Recorded(0, 0);
        }
        else
        {
            if (ReadApplicationId(connection, transaction) != ApplicationId)
            {
                throw NotARoutiluxStore(path);
            }

            recorded = Read(connection, transaction, path);
        }

        ThrowIfTooNew(recorded, current, path);
        foreach (var migration in migrations)
        {
            if (migration.Version <= recorded.Version)
            {
                continue;
            }

            Execute(connection, transaction, migration.Sql);
            recorded = new Recorded(migration.Version, Math.Max(recorded.MinimumReaderVersion, migration.MinimumReaderVersion));
            using var update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = """
                INSERT INTO schema_version (id, version, minimum_reader_version, updated_at, updated_by)
                VALUES (1, $version, $minimum, $at, $by)
                ON CONFLICT (id) DO UPDATE SET version = excluded.version, minimum_reader_version = excluded.minimum_reader_version,
                                               updated_at = excluded.updated_at, updated_by = excluded.updated_by;
                """;
            update.Parameters.AddWithValue("$version", recorded.Version);
            update.Parameters.AddWithValue("$minimum", recorded.MinimumReaderVersion);
            update.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            update.Parameters.AddWithValue("$by", WrittenBy);
            update.ExecuteNonQuery();
        }

        transaction.Commit();
        return recorded;
    }

    /// <summary>Reads what a file records and checks that this code can use it (for a file opened without migrating).</summary>
    public static Recorded ReadAndCheck(SqliteConnection connection, string path, int current)
    {
        if (!TableExists(connection, null) || ReadApplicationId(connection, null) != ApplicationId)
        {
            throw NotARoutiluxStore(path);
        }

        var recorded = Read(connection, null, path);
        ThrowIfTooNew(recorded, current, path);
        return recorded;
    }

    /// <summary>"Routilux.Sqlite 0.1.0", recorded beside each schema change.</summary>
    private static string WrittenBy { get; } =
        $"Routilux.Sqlite {typeof(SchemaVersionTable).Assembly.GetName().Version?.ToString(3) ?? "?"}";

    private static void ThrowIfTooNew(Recorded recorded, int current, string path)
    {
        // A newer schema whose minimum reader is still this code's is fine: its additions are ignored here.
        if (recorded.MinimumReaderVersion > current)
        {
            throw new RoutiluxSerializationException(
                $"The SQLite store '{path}' is at schema version {recorded.Version} and needs Routilux.Sqlite that reads schema version " +
                $"{recorded.MinimumReaderVersion} or newer, but this Routilux.Sqlite reads schema versions up to {current}. A newer " +
                "Routilux.Sqlite has upgraded the file: update the Routilux.Sqlite package of every program that opens it, or restore a " +
                "backup taken before the upgrade.");
        }
    }

    private static Recorded Read(SqliteConnection connection, SqliteTransaction? transaction, string path)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT version, minimum_reader_version FROM schema_version WHERE id = 1;";
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            throw new RoutiluxSerializationException(
                $"The SQLite store '{path}' has an empty schema_version table, so its schema version is unknown. The file was " +
                "changed by something other than Routilux.Sqlite: restore it from a backup.");
        }

        return new Recorded(reader.GetInt32(0), reader.GetInt32(1));
    }

    private static bool TableExists(SqliteConnection connection, SqliteTransaction? transaction) =>
        Scalar(connection, transaction, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_version';") > 0;

    private static long UserTableCount(SqliteConnection connection, SqliteTransaction? transaction) =>
        Scalar(connection, transaction, "SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%';");

    private static long ReadApplicationId(SqliteConnection connection, SqliteTransaction? transaction) =>
        Scalar(connection, transaction, "PRAGMA application_id;");

    private static long Scalar(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static RoutiluxSerializationException NotARoutiluxStore(string path) =>
        new($"The file '{path}' is a SQLite database of another application, not a Routilux worker store (its application_id is " +
            "not \"RTLX\" or it has tables of its own). Give the store a file of its own: a new path, or a file a " +
            "SqliteWorkerStore created.");

    [Conditional("DEBUG")]
    private static void AssertOrdered(IReadOnlyList<SchemaMigration> migrations)
    {
        Debug.Assert(migrations.Count > 0, "the schema has at least one migration");
        for (var i = 0; i < migrations.Count; i++)
        {
            Debug.Assert(migrations[i].Version == i + 1, $"migration {i} has version {migrations[i].Version}, expected {i + 1}: versions are 1, 2, 3 ... with no gap");
            Debug.Assert(migrations[i].MinimumReaderVersion >= 1 && migrations[i].MinimumReaderVersion <= migrations[i].Version, "a migration's minimum reader is between 1 and its own version");
        }
    }
}
