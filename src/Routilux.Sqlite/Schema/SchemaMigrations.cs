namespace Routilux.Sqlite.Schema;

/// <summary>
/// The store's schema, as the ordered list of migrations that build it. Never edit a migration that has shipped: add
/// the next one (issue 21's flow definitions and job records will be version 2 and later).
/// </summary>
internal static class SchemaMigrations
{
    /// <summary>The schema version this code writes and the newest it knows.</summary>
    public static int Current => All[^1].Version;

    /// <summary>Every migration, in order; versions are 1, 2, 3 ... with no gap.</summary>
    public static IReadOnlyList<SchemaMigration> All { get; } =
    [
        new SchemaMigration(
            Version: 1,
            MinimumReaderVersion: 1,
            Description: "workers and their checkpoints",
            // One row per worker (issue 21 hangs flow definitions and job records off it), and its checkpoints: the
            // document as saved and its SHA-256, checked on every load. A rowid table, since documents are large rows.
            Sql: """
                CREATE TABLE workers (
                    worker_id  TEXT NOT NULL PRIMARY KEY,
                    flow_id    TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                );
                CREATE TABLE checkpoints (
                    worker_id       TEXT    NOT NULL REFERENCES workers (worker_id) ON DELETE CASCADE,
                    sequence        INTEGER NOT NULL CHECK (sequence >= 1),
                    flow_id         TEXT    NOT NULL,
                    created_at      TEXT    NOT NULL,
                    saved_at        TEXT    NOT NULL,
                    document_sha256 BLOB    NOT NULL,
                    document        BLOB    NOT NULL,
                    PRIMARY KEY (worker_id, sequence)
                );
                """),
    ];
}
