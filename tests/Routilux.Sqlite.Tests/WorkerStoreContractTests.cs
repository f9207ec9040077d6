namespace Routilux.Sqlite.Tests;

/// <summary>
/// What every <see cref="IWorkerStore"/> promises (its XML docs), run against each store by a subclass: the in-memory
/// store users test with and the SQLite store they run on behave the same.
/// </summary>
public abstract class WorkerStoreContractTests : IAsyncLifetime
{
    private readonly List<IWorkerStore> _stores = [];

    /// <summary>A new, empty store.</summary>
    protected abstract IWorkerStore NewStore();

    // The members both stores have beyond the interface, to look at what a store keeps.
    protected abstract ValueTask<IReadOnlyList<long>> ListCheckpointsAsync(IWorkerStore store, string workerId);

    protected abstract ValueTask<WorkerCheckpoint?> LoadCheckpointAsync(IWorkerStore store, string workerId, long sequence);

    protected abstract ValueTask<bool> DeleteCheckpointAsync(IWorkerStore store, string workerId, long sequence);

    protected IWorkerStore CreateStore()
    {
        var store = NewStore();
        _stores.Add(store);
        return store;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var store in _stores.OfType<IAsyncDisposable>())
        {
            await store.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_empty_store_has_no_workers_and_loads_nothing()
    {
        var store = CreateStore();

        Assert.Empty(await store.ListWorkersAsync());
        Assert.Null(await store.LoadLatestCheckpointAsync("nobody"));
        Assert.Empty(await ListCheckpointsAsync(store, "nobody"));
        Assert.Null(await LoadCheckpointAsync(store, "nobody", 1));
        Assert.False(await store.DeleteWorkerAsync("nobody"));
        Assert.False(await DeleteCheckpointAsync(store, "nobody", 1));
    }

    [Fact]
    public async Task A_saved_checkpoint_loads_back_with_the_same_fields_and_bytes()
    {
        var store = CreateStore();
        await store.SaveCheckpointAsync(Checkpoints.Make("w", 1, padding: 5000, flowId: "orders"));

        Checkpoints.AssertIs(await store.LoadLatestCheckpointAsync("w"), "w", 1, padding: 5000, flowId: "orders");
        Checkpoints.AssertIs(await LoadCheckpointAsync(store, "w", 1), "w", 1, padding: 5000, flowId: "orders");
        Assert.Equal(["w"], await store.ListWorkersAsync());
    }

    [Fact]
    public async Task The_store_keeps_its_own_copy_of_the_document()
    {
        var store = CreateStore();
        var bytes = Checkpoints.Document("w", 1);
        await store.SaveCheckpointAsync(new WorkerCheckpoint("w", 1, "flow", Checkpoints.Created.AddTicks(1), bytes));
        Array.Fill(bytes, (byte)'x');

        Checkpoints.AssertIs(await store.LoadLatestCheckpointAsync("w"), "w", 1);
    }

    [Fact]
    public async Task A_document_given_as_a_slice_of_a_larger_buffer_is_stored_as_the_slice()
    {
        var store = CreateStore();
        var document = Checkpoints.Document("w", 1);
        var buffer = new byte[document.Length + 20];
        document.CopyTo(buffer, 10);
        await store.SaveCheckpointAsync(new WorkerCheckpoint("w", 1, "flow", Checkpoints.Created.AddTicks(1), buffer.AsMemory(10, document.Length)));

        Checkpoints.AssertIs(await store.LoadLatestCheckpointAsync("w"), "w", 1);
    }

    [Fact]
    public async Task Sequences_must_increase_and_a_refused_save_changes_nothing()
    {
        var store = CreateStore();
        await store.SaveCheckpointAsync(Checkpoints.Make("w", 3));

        var same = await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.SaveCheckpointAsync(Checkpoints.Make("w", 3, padding: 10)));
        var older = await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.SaveCheckpointAsync(Checkpoints.Make("w", 2)));

        Assert.Contains("worker 'w'", same.Message, StringComparison.Ordinal);
        Assert.Contains("Checkpoint 2", older.Message, StringComparison.Ordinal);
        Assert.Contains("stored checkpoint 3", older.Message, StringComparison.Ordinal);
        Checkpoints.AssertIs(await store.LoadLatestCheckpointAsync("w"), "w", 3);
        Assert.Equal([3L], await ListCheckpointsAsync(store, "w"));
    }

    [Fact]
    public async Task Sequences_may_skip_numbers()
    {
        var store = CreateStore();
        await store.SaveCheckpointAsync(Checkpoints.Make("w", 1));
        await store.SaveCheckpointAsync(Checkpoints.Make("w", 10));

        Checkpoints.AssertIs(await store.LoadLatestCheckpointAsync("w"), "w", 10);
        Assert.Equal([1L, 10L], await ListCheckpointsAsync(store, "w"));
    }

    [Fact]
    public async Task The_two_newest_checkpoints_of_each_worker_are_kept()
    {
        var store = CreateStore();
        for (var sequence = 1; sequence <= 5; sequence++)
        {
            await store.SaveCheckpointAsync(Checkpoints.Make("w", sequence));
            await store.SaveCheckpointAsync(Checkpoints.Make("other", sequence * 2));
        }

        Assert.Equal([4L, 5L], await ListCheckpointsAsync(store, "w"));
        Assert.Equal([8L, 10L], await ListCheckpointsAsync(store, "other"));
        Checkpoints.AssertIs(await store.LoadLatestCheckpointAsync("w"), "w", 5);
        Checkpoints.AssertIs(await LoadCheckpointAsync(store, "w", 4), "w", 4);
        Assert.Null(await LoadCheckpointAsync(store, "w", 3));
    }

    [Fact]
    public async Task Workers_are_listed_in_ordinal_order()
    {
        var store = CreateStore();
        string[] ids = ["b", "a", "B", "ä", "z", "a-1", "\uFB01", "\U0001F600"];
        foreach (var id in ids)
        {
            await store.SaveCheckpointAsync(Checkpoints.Make(id, 1));
        }

        Assert.Equal(ids.Order(StringComparer.Ordinal), await store.ListWorkersAsync());
    }

    [Fact]
    public async Task Deleting_a_worker_deletes_all_its_checkpoints_and_nothing_else()
    {
        var store = CreateStore();
        await store.SaveCheckpointAsync(Checkpoints.Make("gone", 1));
        await store.SaveCheckpointAsync(Checkpoints.Make("gone", 2));
        await store.SaveCheckpointAsync(Checkpoints.Make("kept", 1));

        Assert.True(await store.DeleteWorkerAsync("gone"));
        Assert.False(await store.DeleteWorkerAsync("gone"));

        Assert.Null(await store.LoadLatestCheckpointAsync("gone"));
        Assert.Empty(await ListCheckpointsAsync(store, "gone"));
        Assert.Equal(["kept"], await store.ListWorkersAsync());
        Checkpoints.AssertIs(await store.LoadLatestCheckpointAsync("kept"), "kept", 1);

        // A deleted worker starts over.
        await store.SaveCheckpointAsync(Checkpoints.Make("gone", 1));
        Checkpoints.AssertIs(await store.LoadLatestCheckpointAsync("gone"), "gone", 1);
    }

    [Fact]
    public async Task Deleting_the_newest_checkpoint_falls_back_to_the_previous_one_whose_successor_may_reuse_the_sequence()
    {
        var store = CreateStore();
        await store.SaveCheckpointAsync(Checkpoints.Make("w", 1));
        await store.SaveCheckpointAsync(Checkpoints.Make("w", 2));

        Assert.True(await DeleteCheckpointAsync(store, "w", 2));
        Assert.False(await DeleteCheckpointAsync(store, "w", 2));
        Checkpoints.AssertIs(await store.LoadLatestCheckpointAsync("w"), "w", 1);

        await store.SaveCheckpointAsync(Checkpoints.Make("w", 2, padding: 7));
        Checkpoints.AssertIs(await store.LoadLatestCheckpointAsync("w"), "w", 2, padding: 7);

        // Deleting every checkpoint of a worker takes it off the list.
        Assert.True(await DeleteCheckpointAsync(store, "w", 1));
        Assert.True(await DeleteCheckpointAsync(store, "w", 2));
        Assert.Empty(await store.ListWorkersAsync());
    }

    [Fact]
    public async Task A_cancelled_token_cancels_every_operation_and_a_cancelled_save_leaves_nothing()
    {
        var store = CreateStore();
        await store.SaveCheckpointAsync(Checkpoints.Make("w", 1));
        var cancelled = new CancellationToken(canceled: true);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.SaveCheckpointAsync(Checkpoints.Make("w", 2), cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.SaveCheckpointAsync(Checkpoints.Make("new", 1), cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.LoadLatestCheckpointAsync("w", cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.ListWorkersAsync(cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.DeleteWorkerAsync("w", cancelled));

        Assert.Equal(["w"], await store.ListWorkersAsync());
        Assert.Equal([1L], await ListCheckpointsAsync(store, "w"));
    }

    [Fact]
    public async Task Null_or_empty_worker_ids_are_refused()
    {
        var store = CreateStore();

        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.LoadLatestCheckpointAsync(null!));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.LoadLatestCheckpointAsync(""));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.DeleteWorkerAsync(""));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await ListCheckpointsAsync(store, ""));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await LoadCheckpointAsync(store, "w", 0));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await store.SaveCheckpointAsync(null!));
    }

    [Fact]
    public async Task Concurrent_saves_of_different_workers_all_land()
    {
        var store = CreateStore();
        const int workers = 8;
        const int saves = 25;

        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            for (var sequence = 1; sequence <= saves; sequence++)
            {
                await store.SaveCheckpointAsync(Checkpoints.Make($"worker-{w}", sequence, padding: 300));
            }
        })));

        Assert.Equal(Enumerable.Range(0, workers).Select(w => $"worker-{w}"), await store.ListWorkersAsync());
        for (var w = 0; w < workers; w++)
        {
            Checkpoints.AssertIs(await store.LoadLatestCheckpointAsync($"worker-{w}"), $"worker-{w}", saves, padding: 300);
            Assert.Equal([saves - 1L, saves], await ListCheckpointsAsync(store, $"worker-{w}"));
        }
    }

    [Fact]
    public async Task Loads_during_saves_of_the_same_worker_see_whole_checkpoints_in_order()
    {
        var store = CreateStore();
        await store.SaveCheckpointAsync(Checkpoints.Make("w", 1, padding: 2000));
        const int saves = 40;

        var saving = Task.Run(async () =>
        {
            for (var sequence = 2; sequence <= saves; sequence++)
            {
                await store.SaveCheckpointAsync(Checkpoints.Make("w", sequence, padding: 2000));
            }
        });
        var seen = new List<long>();
        while (!saving.IsCompleted)
        {
            var loaded = await store.LoadLatestCheckpointAsync("w");
            Checkpoints.AssertIs(loaded, "w", loaded!.Sequence, padding: 2000);
            seen.Add(loaded.Sequence);
        }

        await saving;
        Assert.Equal(seen.Order(), seen);
        Checkpoints.AssertIs(await store.LoadLatestCheckpointAsync("w"), "w", saves, padding: 2000);
    }
}
