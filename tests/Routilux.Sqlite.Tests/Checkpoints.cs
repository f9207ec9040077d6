using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Routilux.Sqlite.Tests;

/// <summary>Checkpoints for the tests: JSON documents that say whose and which they are, so a mix-up shows.</summary>
internal static class Checkpoints
{
    public static readonly DateTimeOffset Created = new(2026, 3, 14, 15, 9, 26, 535, TimeSpan.FromHours(2));

    /// <summary>A checkpoint whose document names its worker and sequence and carries <paramref name="padding"/> bytes of filler.</summary>
    public static WorkerCheckpoint Make(string workerId, long sequence, int padding = 0, string flowId = "flow") =>
        new(workerId, sequence, flowId, Created.AddTicks(sequence), Document(workerId, sequence, padding));

    public static byte[] Document(string workerId, long sequence, int padding = 0) =>
        JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["format"] = 1,
            ["worker"] = workerId,
            ["sequence"] = sequence,
            ["padding"] = Filler(workerId, sequence, padding),
        });

    /// <summary>Checks that a loaded checkpoint is exactly the one <see cref="Make"/> built.</summary>
    public static void AssertIs(WorkerCheckpoint? loaded, string workerId, long sequence, int padding = 0, string flowId = "flow")
    {
        Assert.NotNull(loaded);
        Assert.Equal((workerId, sequence, flowId), (loaded.WorkerId, loaded.Sequence, loaded.FlowId));
        Assert.Equal(Created.AddTicks(sequence), loaded.CreatedAt);
        Assert.Equal(Created.Offset, loaded.CreatedAt.Offset);
        Assert.Equal(Document(workerId, sequence, padding), loaded.Document.ToArray());
    }

    /// <summary>A connection of the test's own to a store file, as the sqlite3 shell would open it.</summary>
    public static SqliteConnection OpenRaw(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public static int Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    // Text that differs per worker and sequence, so no two documents share long runs of bytes.
    private static string Filler(string workerId, long sequence, int length)
    {
        var text = new StringBuilder(length);
        var state = (uint)HashCode.Combine(workerId, sequence) | 1;
        while (text.Length < length)
        {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            text.Append((char)('a' + (state % 26)));
        }

        return text.ToString();
    }
}
