using Microsoft.Extensions.Time.Testing;

namespace Routilux.Tests.Checkpoints;

/// <summary>
/// Checkpoint in one runtime, resume in a fresh one (the same process standing in for a new one): routine state and
/// in-flow messages come back exactly as at the cut, and the restored jobs run to completion with exact counts.
/// </summary>
public sealed class CheckpointResumeTests
{
    [Fact]
    public async Task Queued_messages_of_several_jobs_in_a_paused_worker_come_back_paused_and_complete()
    {
        var store = new InMemoryWorkerStore();
        var (flow, go) = CheckpointFlows.SourceToSink();
        var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow, new WorkerOptions { Id = "w-queued", Store = store });
        var first = await worker.RunAsync(go, 2);
        Assert.Equal(JobStatus.Completed, first.Status);
        worker.Pause("for the test");
        var jobs = new[] { await worker.StartAsync(go, 3), await worker.StartAsync(go, 4), await worker.StartAsync(go, 5) };

        var checkpoint = await worker.CheckpointAsync().Within();
        Assert.Equal(1, checkpoint.Sequence);
        Assert.Equal(1, worker.LastCheckpointSequence);
        Assert.True(worker.IsPaused, "The user's pause survives the checkpoint's.");
        await runtime.DisposeWithin();

        await using var resumedRuntime = new Runtime();
        var resumed = await resumedRuntime.ResumeWorkerAsync(store, "w-queued", CheckpointFlows.SourceToSink().Flow).Within();
        Assert.True(resumed.IsPaused);
        Assert.Equal("for the test", resumed.PauseReason);
        Assert.Equal(jobs.Select(j => j.Id).Order(), resumed.ActiveJobs.Select(j => j.Id).Order());
        var sink = resumed.GetRoutine<CkSink>("sink");
        Assert.Equal(3, sink.Total);
        resumed.Resume();
        var statuses = await CheckpointFlows.CompleteAll(resumed);
        Assert.All(statuses.Values, s => Assert.Equal(JobStatus.Completed, s));
        Assert.Equal(3 + 6 + 10 + 15, sink.Total);
        Assert.Equal(2 + 3 + 4 + 5, sink.Count);
        Assert.Equal(sink.Ids.Count, sink.Ids.Distinct().Count());
        Assert.Equal(1, resumed.LastCheckpointSequence);
        var next = await resumed.CheckpointAsync().Within();
        Assert.Equal(2, next.Sequence);
    }

    [Fact]
    public async Task A_handler_blocked_delivering_into_a_full_queue_is_saved_with_its_undelivered_outbox_which_goes_first_on_resume()
    {
        var store = new InMemoryWorkerStore();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (flow, go) = CheckpointFlows.SourceToSink(gate);
        var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow, new WorkerOptions { Id = "w-blocked", Store = store });
        var job = await worker.StartAsync(go, 10);

        // The sink's first message waits at the gate, its queue of two fills, and the source waits for room.
        Eventually.True(() => worker.GetQueueState("sink", "In").Length == 2 && worker.CellOf("source").IsBusy, "the source waits for room in the sink's queue");
        var checkpointing = worker.CheckpointAsync();
        gate.SetResult();
        var checkpoint = await checkpointing.Within();
        var text = System.Text.Encoding.UTF8.GetString(checkpoint.Document.Span);
        Assert.Contains("\"outbox\":[{\"event\":\"Out\",\"deliveredTo\":[],\"payloads\":[4,5,6,7,8,9,10]}]", text);

        // The old worker goes on and completes the job too; the checkpoint is what a crash would leave.
        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        Assert.Equal(55, worker.GetRoutine<CkSink>("sink").Total);
        await runtime.DisposeWithin();

        // Gated again, so the restored state is read before the resumed worker moves on from it.
        var resumedGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var resumedRuntime = new Runtime();
        var resumed = await resumedRuntime.ResumeWorkerAsync(store, "w-blocked", CheckpointFlows.SourceToSink(resumedGate).Flow).Within();
        var sink = resumed.GetRoutine<CkSink>("sink");
        Assert.Equal(1, sink.Total);
        Assert.True(resumed.TryGetJob(job.Id, out var restored));
        resumedGate.SetResult();
        Assert.Equal(JobStatus.Completed, await restored.Completion.Within());
        Assert.Equal(55, sink.Total);
        Assert.Equal(10, sink.Count);
        Assert.Equal(Enumerable.Range(1, 10).Select(n => $"w-blocked/sink/In/{n}"), sink.Ids.Order(StringComparer.Ordinal).OrderBy(id => id.Length));
    }

    [Fact]
    public async Task A_message_waiting_for_a_retry_keeps_its_attempt_count_and_message_id_across_the_resume()
    {
        var store = new InMemoryWorkerStore();
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var clock = new FakeTimeProvider(start);
        var (flow, input) = CheckpointFlows.Flaky();
        var runtime = new Runtime(new RuntimeOptions { TimeProvider = clock });
        var worker = runtime.CreateWorker(flow, new WorkerOptions { Id = "w-retry", Store = store });
        var job = await worker.StartAsync(input, 7);
        Eventually.True(() => worker.CellOf("flaky").IsWaitingForRetry, "the first attempt failed and the retry waits");
        await worker.CheckpointAsync().Within();
        await runtime.DisposeWithin();

        var resumedClock = new FakeTimeProvider(start + TimeSpan.FromSeconds(20));
        await using var resumedRuntime = new Runtime(new RuntimeOptions { TimeProvider = resumedClock });
        var resumed = await resumedRuntime.ResumeWorkerAsync(store, "w-retry", CheckpointFlows.Flaky().Flow).Within();
        var flaky = resumed.GetRoutine<CkFlaky>("flaky");
        Assert.Equal(1, flaky.Attempts);
        Assert.True(resumed.TryGetJob(job.Id, out var restored));

        // What was left of the delay (a minute from the failure), then the second attempt fails and the third succeeds.
        var cell = resumed.CellOf("flaky");
        Eventually.True(() => cell.IsWaitingForRetry, "the restored retry waits");
        resumedClock.Advance(TimeSpan.FromMinutes(1));
        Eventually.True(() => flaky.Attempts == 2 && cell.IsWaitingForRetry, "the second attempt failed");
        resumedClock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(JobStatus.Completed, await restored.Completion.Within());
        Assert.Equal(7, flaky.Total);
        Assert.Equal(3, flaky.Attempts);
        Assert.Single(flaky.Ids.Distinct());
        Assert.Equal("w-retry/flaky/In/1", flaky.Ids[0]);
        var last = resumed.History[^1];
        Assert.Equal((HandlerOutcome.Completed, 3), (last.Outcome, last.Attempt));
    }

    [Fact]
    public async Task Batch_and_join_buffers_come_back_with_their_job_which_takes_more_input()
    {
        var store = new InMemoryWorkerStore();
        var (flow, batch, a, b) = CheckpointFlows.Buffers();
        var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow, new WorkerOptions { Id = "w-buffers", Store = store });
        var job = worker.OpenJob(new JobOptions { Id = "open", Data = new Dictionary<string, object?> { ["who"] = "test", ["n"] = 3, ["live"] = new object() } });
        await job.PostAsync(batch, 1);
        await job.PostAsync(batch, 2);
        await job.PostAsync(a, 10);
        worker.WaitUntilIdle("buffers");
        var checkpoint = await worker.CheckpointAsync().Within();
        Assert.Contains("\"dataOmitted\":[\"live\"]", System.Text.Encoding.UTF8.GetString(checkpoint.Document.Span));
        await runtime.DisposeWithin();

        await using var resumedRuntime = new Runtime();
        var (again, batch2, _, b2) = CheckpointFlows.Buffers();
        var resumed = await resumedRuntime.ResumeWorkerAsync(store, "w-buffers", again).Within();
        Assert.True(resumed.TryGetJob("open", out var restored));
        Assert.Equal("test", restored.Data["who"]);
        Assert.Equal(3L, restored.Data["n"]);
        Assert.False(restored.Data.ContainsKey("live"));
        var routine = resumed.GetRoutine<CkBuffers>("buffers");
        Assert.Empty(routine.Batches);
        await restored.PostAsync(batch2, 3);
        await restored.PostAsync(b2, 20);
        restored.CompleteInput();
        Assert.Equal(JobStatus.Completed, await restored.Completion.Within());
        Assert.Equal([6], routine.Batches);
        Assert.Equal([(10, 20)], routine.Pairs);
        Assert.Contains("w-buffers/buffers/Batch/1", routine.Ids);
        Assert.Contains("w-buffers/buffers/A/1", routine.Ids);
    }

    [Fact]
    public async Task Two_checkpoints_asked_for_at_once_run_one_after_the_other_with_increasing_sequences()
    {
        var (flow, go) = CheckpointFlows.SourceToSink();
        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow, new WorkerOptions { Id = "w-two", Store = new InMemoryWorkerStore() });
        var posting = Task.Run(async () =>
        {
            for (var i = 0; i < 200; i++)
            {
                await worker.StartAsync(go, 3);
            }
        });
        var checkpoints = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => worker.CheckpointAsync())).Within();
        await posting.Within();
        await worker.WhenIdleAsync().Within();
        Assert.Equal([1L, 2, 3, 4], checkpoints.Select(c => c.Sequence).Order());
        Assert.Equal(200 * 6 + 0, worker.GetRoutine<CkSink>("sink").Total);
    }

    [Fact]
    public async Task Every_checkpoint_taken_while_jobs_are_posted_resumes_into_jobs_that_complete_with_every_message_counted_once()
    {
        var (flow, go) = CheckpointFlows.SourceToSink();
        var store = new InMemoryWorkerStore();
        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow, new WorkerOptions { Id = "w-busy", Store = store });
        var posting = Task.Run(async () =>
        {
            for (var i = 0; i < 300; i++)
            {
                await worker.StartAsync(go, 4);
            }
        });
        var checkpoints = new List<WorkerCheckpoint>();
        while (!posting.IsCompleted)
        {
            checkpoints.Add(await worker.CheckpointAsync().Within());
        }

        await posting.Within();
        foreach (var checkpoint in checkpoints.TakeLast(3))
        {
            var single = new InMemoryWorkerStore();
            await single.SaveCheckpointAsync(checkpoint);
            await using var resumedRuntime = new Runtime();
            var resumed = await resumedRuntime.ResumeWorkerAsync(single, "w-busy", CheckpointFlows.SourceToSink().Flow).Within();
            var sink = resumed.GetRoutine<CkSink>("sink");
            var before = sink.Count;
            var restoredJobs = resumed.ActiveJobs.Count;
            await CheckpointFlows.CompleteAll(resumed);

            // Each job adds 1+2+3+4 in four messages: whatever the cut, every job is either wholly in the state or
            // its remaining messages are in the checkpoint, so the totals come out whole.
            Assert.Equal(0, sink.Count % 4);
            Assert.Equal(sink.Count / 4 * 10, sink.Total);
            Assert.True(sink.Count >= before);
            Assert.Equal(sink.Ids.Count, sink.Ids.Distinct().Count());
            Assert.True(restoredJobs >= 0);
        }
    }

    [Fact]
    public async Task A_cancelled_worker_has_nothing_to_checkpoint()
    {
        var (flow, _) = CheckpointFlows.SourceToSink();
        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow, new WorkerOptions { Id = "w-cancelled" });
        worker.Cancel("done with it");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => worker.CheckpointAsync());
        Assert.Contains("w-cancelled", error.Message);
        Assert.Contains("done with it", error.Message);
    }
}
