using System.IO;

using Microsoft.Extensions.Time.Testing;

namespace Routilux.Tests.Checkpoints;

/// <summary>Automatic checkpoints by handler runs and by time, their options' validation, and a failing store.</summary>
public sealed class AutomaticCheckpointTests
{
    [Fact]
    public async Task A_checkpoint_is_saved_after_the_given_number_of_handler_runs()
    {
        var store = new InMemoryWorkerStore();
        var (flow, go) = CheckpointFlows.SourceToSink();
        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow, new WorkerOptions { Id = "w-runs", Store = store, CheckpointAfterRuns = 5 });
        await worker.RunAsync(go, 2);
        Assert.Null(await store.LoadLatestCheckpointAsync("w-runs"));

        // 1 + 2 runs so far; 1 + 3 more reach 7 >= 5.
        await worker.RunAsync(go, 3);
        Eventually.True(() => worker.LastCheckpointSequence >= 1, "an automatic checkpoint was saved");
        var saved = await store.LoadLatestCheckpointAsync("w-runs");
        Assert.NotNull(saved);
        Assert.Null(worker.LastCheckpointError);
    }

    [Fact]
    public async Task A_checkpoint_is_saved_every_interval_on_the_runtime_clock_with_sequences_going_on_after_a_resume()
    {
        var store = new InMemoryWorkerStore();
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var (flow, go) = CheckpointFlows.SourceToSink();
        var runtime = new Runtime(new RuntimeOptions { TimeProvider = clock });
        var worker = runtime.CreateWorker(flow, new WorkerOptions { Id = "w-interval", Store = store, CheckpointInterval = TimeSpan.FromSeconds(10) });
        await worker.RunAsync(go, 4);
        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(0, worker.LastCheckpointSequence);
        clock.Advance(TimeSpan.FromSeconds(1));
        Eventually.True(() => worker.LastCheckpointSequence == 1, "the first interval's checkpoint was saved");
        clock.Advance(TimeSpan.FromSeconds(10));
        Eventually.True(() => worker.LastCheckpointSequence == 2, "the second interval's checkpoint was saved");
        await runtime.DisposeWithin();

        await using var resumedRuntime = new Runtime(new RuntimeOptions { TimeProvider = clock });
        var resumed = await resumedRuntime.ResumeWorkerAsync(
            store, "w-interval", CheckpointFlows.SourceToSink().Flow, new WorkerOptions { Store = store, CheckpointInterval = TimeSpan.FromSeconds(10) }).Within();
        Assert.Equal(10, resumed.GetRoutine<CkSink>("sink").Total);
        Assert.Equal(2, resumed.LastCheckpointSequence);
        clock.Advance(TimeSpan.FromSeconds(10));
        Eventually.True(() => resumed.LastCheckpointSequence == 3, "the resumed worker's sequences go on from its checkpoint's");
    }

    [Fact]
    public async Task A_failing_automatic_checkpoint_is_exposed_and_the_worker_goes_on()
    {
        var (flow, go) = CheckpointFlows.SourceToSink();
        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow, new WorkerOptions { Id = "w-failing", Store = new FailingStore(), CheckpointAfterRuns = 1 });
        await worker.RunAsync(go, 2);
        Eventually.True(() => worker.LastCheckpointError is not null, "the failing save was recorded");
        Assert.Contains("disk full", worker.LastCheckpointError!.Message);
        Assert.Equal(JobStatus.Completed, (await worker.RunAsync(go, 3)).Status);
        Assert.Equal(9, worker.GetRoutine<CkSink>("sink").Total);
        Assert.Equal(0, worker.LastCheckpointSequence);
    }

    [Fact]
    public void Checkpoint_options_are_validated_when_the_worker_is_created()
    {
        var (flow, _) = CheckpointFlows.SourceToSink();
        using var runtime = new Runtime();
        var runs = Assert.Throws<ArgumentOutOfRangeException>(() => runtime.CreateWorker(flow, new WorkerOptions { Store = new InMemoryWorkerStore(), CheckpointAfterRuns = -1 }));
        Assert.Contains("CheckpointAfterRuns", runs.Message);
        var interval = Assert.Throws<ArgumentOutOfRangeException>(() => runtime.CreateWorker(flow, new WorkerOptions { Store = new InMemoryWorkerStore(), CheckpointInterval = TimeSpan.Zero }));
        Assert.Contains("CheckpointInterval", interval.Message);
        var noStore = Assert.Throws<ArgumentException>(() => runtime.CreateWorker(flow, new WorkerOptions { CheckpointAfterRuns = 10 }));
        Assert.Contains("WorkerOptions.Store", noStore.Message);
        Assert.Empty(runtime.Workers);
    }

    private sealed class FailingStore : IWorkerStore
    {
        public ValueTask SaveCheckpointAsync(WorkerCheckpoint checkpoint, CancellationToken cancellationToken = default) => throw new IOException("disk full");

        public ValueTask<WorkerCheckpoint?> LoadLatestCheckpointAsync(string workerId, CancellationToken cancellationToken = default) => new((WorkerCheckpoint?)null);

        public ValueTask<IReadOnlyList<string>> ListWorkersAsync(CancellationToken cancellationToken = default) => new(Array.Empty<string>());

        public ValueTask<bool> DeleteWorkerAsync(string workerId, CancellationToken cancellationToken = default) => new(false);
    }
}
