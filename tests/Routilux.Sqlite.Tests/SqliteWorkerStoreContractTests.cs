namespace Routilux.Sqlite.Tests;

/// <summary>The store contract, on the SQLite store with a real file in a temp folder.</summary>
public sealed class SqliteWorkerStoreContractTests : WorkerStoreContractTests, IDisposable
{
    private readonly TempFolder _folder = new();
    private int _files;

    protected override IWorkerStore NewStore() => new SqliteWorkerStore(_folder.File($"store-{++_files}.db"));

    protected override ValueTask<IReadOnlyList<long>> ListCheckpointsAsync(IWorkerStore store, string workerId) =>
        ((SqliteWorkerStore)store).ListCheckpointsAsync(workerId);

    protected override ValueTask<WorkerCheckpoint?> LoadCheckpointAsync(IWorkerStore store, string workerId, long sequence) =>
        ((SqliteWorkerStore)store).LoadCheckpointAsync(workerId, sequence);

    protected override ValueTask<bool> DeleteCheckpointAsync(IWorkerStore store, string workerId, long sequence) =>
        ((SqliteWorkerStore)store).DeleteCheckpointAsync(workerId, sequence);

    // xunit disposes the stores (IAsyncLifetime) before the folder (IDisposable).
    public void Dispose() => _folder.Dispose();
}
