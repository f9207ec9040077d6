using System.Text;
using Routilux;
using Routilux.Sqlite;

// Saves three checkpoints of a worker into a SQLite file, closes it, opens it again and loads them back.
var path = Path.Combine(Environment.CurrentDirectory, "checkpoints.db");
File.Delete(path);

await using (var store = new SqliteWorkerStore(path))
{
    for (var sequence = 1; sequence <= 3; sequence++)
    {
        var document = Encoding.UTF8.GetBytes($$"""{"format":1,"worker":"orders-1","sequence":{{sequence}}}""");
        await store.SaveCheckpointAsync(new WorkerCheckpoint("orders-1", sequence, "orders", DateTimeOffset.UtcNow, document));
    }
}

await using (var store = new SqliteWorkerStore(path))
{
    var latest = await store.LoadLatestCheckpointAsync("orders-1");
    Console.WriteLine($"loaded: {latest}");
    Console.WriteLine($"document: {Encoding.UTF8.GetString(latest!.Document.Span)}");
    Console.WriteLine($"kept: {string.Join(",", await store.ListCheckpointsAsync("orders-1"))}");
    Console.WriteLine($"workers: {string.Join(",", await store.ListWorkersAsync())}");
}

Console.WriteLine($"file: {new FileInfo(path).Length > 0}");
