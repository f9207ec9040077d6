using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace Routilux.Sqlite;

/// <summary>
/// Reads and writes the rows of the <c>checkpoints</c> table: a row is a checkpoint's fields, its document and the
/// SHA-256 of the document, which every load checks, so bytes changed on the disk are an error naming the worker and
/// the sequence instead of a document misread further on.
/// </summary>
internal static class CheckpointRows
{
    /// <summary>How many checkpoints of each worker are kept; the older ones go in the transaction that saves a new one.</summary>
    public const int KeptPerWorker = 2;

    private const int Sha256Length = 32;

    /// <summary>Saves a checkpoint and deletes the worker's older ones, inside <paramref name="transaction"/>.</summary>
    /// <exception cref="InvalidOperationException">The sequence is not greater than the worker's newest stored one.</exception>
    public static void Insert(SqliteConnection connection, SqliteTransaction transaction, WorkerCheckpoint checkpoint)
    {
        var newest = Scalar(connection, transaction, "SELECT max(sequence) FROM checkpoints WHERE worker_id = $worker;", checkpoint.WorkerId);
        if (newest is long stored && stored >= checkpoint.Sequence)
        {
            throw new InvalidOperationException(
                $"Checkpoint {checkpoint.Sequence} of worker '{checkpoint.WorkerId}' is not newer than the stored checkpoint {stored}; sequences must increase.");
        }

        var document = AsArray(checkpoint.Document);
        var now = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;

        // The workers row keeps the first save's time; the flow id follows the newest checkpoint.
        command.CommandText = $"""
            INSERT INTO workers (worker_id, flow_id, created_at, updated_at) VALUES ($worker, $flow, $now, $now)
            ON CONFLICT (worker_id) DO UPDATE SET flow_id = excluded.flow_id, updated_at = excluded.updated_at;
            INSERT INTO checkpoints (worker_id, sequence, flow_id, created_at, saved_at, document_sha256, document)
            VALUES ($worker, $sequence, $flow, $created, $now, $sha256, $document);
            DELETE FROM checkpoints WHERE worker_id = $worker AND sequence NOT IN
                (SELECT sequence FROM checkpoints WHERE worker_id = $worker ORDER BY sequence DESC LIMIT {KeptPerWorker});
            """;
        command.Parameters.AddWithValue("$worker", checkpoint.WorkerId);
        command.Parameters.AddWithValue("$flow", checkpoint.FlowId);
        command.Parameters.AddWithValue("$now", now);
        command.Parameters.AddWithValue("$sequence", checkpoint.Sequence);
        command.Parameters.AddWithValue("$created", checkpoint.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.Add("$sha256", SqliteType.Blob).Value = SHA256.HashData(document);
        command.Parameters.Add("$document", SqliteType.Blob).Value = document;
        command.ExecuteNonQuery();
    }

    /// <summary>Loads the newest checkpoint of a worker, or the one with <paramref name="sequence"/>; checks its checksum.</summary>
    /// <returns>The checkpoint, or <see langword="null"/> when there is none.</returns>
    public static WorkerCheckpoint? Load(SqliteConnection connection, string path, string workerId, long? sequence)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sequence is null
            ? "SELECT sequence, flow_id, created_at, document_sha256, document FROM checkpoints WHERE worker_id = $worker ORDER BY sequence DESC LIMIT 1;"
            : "SELECT sequence, flow_id, created_at, document_sha256, document FROM checkpoints WHERE worker_id = $worker AND sequence = $sequence;";
        command.Parameters.AddWithValue("$worker", workerId);
        if (sequence is { } wanted)
        {
            command.Parameters.AddWithValue("$sequence", wanted);
        }

        long found;
        string flowId;
        string created;
        byte[] checksum;
        byte[] document;
        using (var reader = command.ExecuteReader())
        {
            if (!reader.Read())
            {
                return null;
            }

            found = reader.GetInt64(0);
            flowId = reader.GetString(1);
            created = reader.GetString(2);
            checksum = reader.IsDBNull(3) ? [] : reader.GetFieldValue<byte[]>(3);
            document = reader.IsDBNull(4) ? [] : reader.GetFieldValue<byte[]>(4);
        }

        if (checksum.Length != Sha256Length || !SHA256.HashData(document).AsSpan().SequenceEqual(checksum))
        {
            throw StoreErrors.ChecksumMismatch(path, workerId, found, PreviousSequence(connection, workerId, found));
        }

        if (!DateTimeOffset.TryParseExact(created, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var createdAt))
        {
            throw StoreErrors.BadRow(path, workerId, found, $"its created_at '{created}' is not a round-trip date and time", null);
        }

        if (flowId.Length == 0)
        {
            throw StoreErrors.BadRow(path, workerId, found, "its flow_id is empty", null);
        }

        return new WorkerCheckpoint(workerId, found, flowId, createdAt, document);
    }

    /// <summary>The sequences of a worker's stored checkpoints, oldest first.</summary>
    public static IReadOnlyList<long> Sequences(SqliteConnection connection, string workerId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence FROM checkpoints WHERE worker_id = $worker ORDER BY sequence;";
        command.Parameters.AddWithValue("$worker", workerId);
        using var reader = command.ExecuteReader();
        var sequences = new List<long>(KeptPerWorker);
        while (reader.Read())
        {
            sequences.Add(reader.GetInt64(0));
        }

        return sequences;
    }

    /// <summary>The ids of the workers with at least one checkpoint, in ordinal order.</summary>
    public static IReadOnlyList<string> Workers(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();

        // EXISTS rather than the workers table alone: later schema versions keep other records per worker.
        command.CommandText = "SELECT worker_id FROM workers w WHERE EXISTS (SELECT 1 FROM checkpoints c WHERE c.worker_id = w.worker_id);";
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        // SQLite orders text by UTF-8 bytes, which differs from ordinal UTF-16 order past U+D7FF; sort here.
        ids.Sort(StringComparer.Ordinal);
        return ids;
    }

    /// <summary>Deletes every checkpoint of a worker and its row; whether it had checkpoints.</summary>
    public static bool DeleteWorker(SqliteConnection connection, SqliteTransaction transaction, string workerId)
    {
        var deleted = Execute(connection, transaction, "DELETE FROM checkpoints WHERE worker_id = $worker;", workerId, null);
        Execute(connection, transaction, "DELETE FROM workers WHERE worker_id = $worker;", workerId, null);
        return deleted > 0;
    }

    /// <summary>Deletes one checkpoint; whether it was there.</summary>
    public static bool DeleteCheckpoint(SqliteConnection connection, SqliteTransaction transaction, string workerId, long sequence) =>
        Execute(connection, transaction, "DELETE FROM checkpoints WHERE worker_id = $worker AND sequence = $sequence;", workerId, sequence) > 0;

    private static long? PreviousSequence(SqliteConnection connection, string workerId, long sequence)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT max(sequence) FROM checkpoints WHERE worker_id = $worker AND sequence < $sequence;";
        command.Parameters.AddWithValue("$worker", workerId);
        command.Parameters.AddWithValue("$sequence", sequence);
        return command.ExecuteScalar() is long previous ? previous : null;
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql, string workerId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$worker", workerId);
        return command.ExecuteScalar();
    }

    private static int Execute(SqliteConnection connection, SqliteTransaction transaction, string sql, string workerId, long? sequence)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$worker", workerId);
        if (sequence is { } value)
        {
            command.Parameters.AddWithValue("$sequence", value);
        }

        return command.ExecuteNonQuery();
    }

    // The whole array when the memory is one, so a large document is not copied once more on its way to SQLite.
    private static byte[] AsArray(ReadOnlyMemory<byte> memory) =>
        MemoryMarshal.TryGetArray(memory, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : memory.ToArray();
}
