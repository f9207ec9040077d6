namespace Routilux.Sqlite.Tests;

/// <summary>The store contract, on the in-memory store.</summary>
public sealed class InMemoryWorkerStoreTests : WorkerStoreContractTests
{
    protected override IWorkerStore NewStore() => new InMemoryWorkerStore();

    protected override ValueTask<IReadOnlyList<long>> ListCheckpointsAsync(IWorkerStore store, string workerId) =>
        ((InMemoryWorkerStore)store).ListCheckpointsAsync(workerId);

    protected override ValueTask<WorkerCheckpoint?> LoadCheckpointAsync(IWorkerStore store, string workerId, long sequence) =>
        ((InMemoryWorkerStore)store).LoadCheckpointAsync(workerId, sequence);

    protected override ValueTask<bool> DeleteCheckpointAsync(IWorkerStore store, string workerId, long sequence) =>
        ((InMemoryWorkerStore)store).DeleteCheckpointAsync(workerId, sequence);
}
