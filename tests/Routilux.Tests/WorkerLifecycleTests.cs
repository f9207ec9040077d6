using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using Routilux.Tests.Routines;

namespace Routilux.Tests;

public class WorkerLifecycleTests
{
    [Fact]
    public async Task Pause_holds_messages_and_resume_delivers_each_exactly_once()
    {
        var received = new ConcurrentQueue<int>();
        var flow = new FlowBuilder("pause");
        var counter = flow.Add<Counter>("counter");
        var sink = flow.Add("sink", () => new Sink<int>(received));
        flow.Connect(counter.Number(), sink.In());
        flow.Entry(counter.Start());

        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow.Build());
        Assert.Equal(WorkerStatus.Idle, worker.Status);
        worker.Pause("maintenance");
        Assert.Equal((WorkerStatus.Paused, "maintenance"), (worker.Status, worker.PauseReason));

        var job = await worker.StartAsync(counter.Start(), 300);
        // The turn the post scheduled has ended: paused, it took nothing.
        worker.WaitUntilIdle("counter");
        Assert.Empty(received);
        Assert.Equal(JobStatus.Running, job.Status);
        Assert.Equal(1, worker.GetQueueState("counter", "Start").Length);

        worker.Resume();

        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        Assert.Equal(Enumerable.Range(0, 300), received);
        Assert.Equal(WorkerStatus.Idle, worker.Status);
    }

    [Fact]
    public async Task Pausing_mid_stream_delivers_the_rest_exactly_once_after_resume()
    {
        var probe = new BackpressureProbe();
        var flow = new FlowBuilder("pause-mid-stream");
        var producer = flow.Add<BurstProducer>("producer");
        var consumer = flow.Add("consumer", () => new SlowConsumer(probe));
        flow.Connect(producer.Number(), consumer.In());
        flow.Entry(producer.Start());

        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow.Build());
        var job = await worker.StartAsync(producer.Start(), 40);
        Eventually.True(() => probe.Handled >= 5, "some messages were handled");
        worker.Pause();
        var handledAtPause = probe.Handled;

        // The consumer's handler running at the pause has finished and the consumer has stopped: it gave up its claim,
        // or keeps the rest of a batch in hand for the resume. Either way it starts nothing more until then.
        var consumerCell = worker.CellOf("consumer");
        Eventually.True(() => !consumerCell.IsClaimed || consumerCell.HasBatchParkedForPause, "the consumer has stopped for the pause");
        Assert.True(probe.Handled <= handledAtPause + 1, "at most the handler already running finishes while paused");

        worker.Resume();

        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        Assert.Equal(Enumerable.Range(0, 40), probe.Received);
    }

    [Fact]
    public async Task A_job_timeout_fails_only_that_job_counting_from_its_start()
    {
        var clock = new FakeTimeProvider();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var received = new ConcurrentQueue<string>();
        var flow = new FlowBuilder("timeouts");
        var router = flow.Add<Router>("router");
        var gate = flow.Add("gate", () => new Gate(release, entered));
        var sink = flow.Add("sink", () => new Sink<string>(received));
        flow.Connect(router.Slow(), gate.In()).Connect(router.Fast(), sink.In()).Connect(gate.Out(), sink.In());
        flow.Entry(router.In());

        await using var runtime = new Runtime(new RuntimeOptions { TimeProvider = clock });
        var worker = runtime.CreateWorker(flow.Build());
        clock.Advance(TimeSpan.FromMinutes(5));
        var slow = await worker.StartAsync(router.In(), "slow", new JobOptions { Timeout = TimeSpan.FromSeconds(1) });
        await entered.Task.Within();
        var fast = await worker.StartAsync(router.In(), "fast", new JobOptions { Timeout = TimeSpan.FromSeconds(1) });
        Assert.Equal(JobStatus.Completed, await fast.Completion.Within());

        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(JobStatus.Running, slow.Status);
        clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(JobStatus.Failed, await slow.Completion.Within());
        Assert.IsType<TimeoutException>(slow.Error);
        Assert.Contains("timeout of 1000 ms", slow.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(JobStatus.Completed, fast.Status);
        Assert.Equal(new[] { "fast" }, received);
    }

    [Fact]
    public async Task The_inactivity_timeout_counts_from_the_last_activity_not_from_the_workers_start()
    {
        var clock = new FakeTimeProvider();
        var received = new ConcurrentQueue<int>();
        var flow = new FlowBuilder("inactivity");
        var counter = flow.Add<Counter>("counter");
        var sink = flow.Add("sink", () => new Sink<int>(received));
        flow.Connect(counter.Number(), sink.In());
        flow.Entry(counter.Start());

        await using var runtime = new Runtime(new RuntimeOptions { TimeProvider = clock });
        var worker = runtime.CreateWorker(flow.Build(), new WorkerOptions { InactivityTimeout = TimeSpan.FromSeconds(5) });

        clock.Advance(TimeSpan.FromSeconds(4));
        var job = await worker.StartAsync(counter.Start(), 3);
        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(WorkerStatus.Idle, worker.Status);

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(WorkerStatus.Completed, worker.Status);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(async () => await worker.StartAsync(counter.Start(), 1));
        Assert.Contains("Completed", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_busy_worker_never_times_out_for_inactivity()
    {
        var clock = new FakeTimeProvider();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var flow = new FlowBuilder("busy");
        var gate = flow.Add("gate", () => new Gate(release, entered));
        flow.Add("sink", () => new Sink<string>(new ConcurrentQueue<string>()));
        flow.ConnectByName("gate.Out", "sink.In");
        flow.Entry(gate.In());

        await using var runtime = new Runtime(new RuntimeOptions { TimeProvider = clock });
        var worker = runtime.CreateWorker(flow.Build(), new WorkerOptions { InactivityTimeout = TimeSpan.FromSeconds(5) });
        var job = await worker.StartAsync(gate.In(), "long work");
        await entered.Task.Within();

        for (var i = 0; i < 6; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.Equal(WorkerStatus.Running, worker.Status);
        Assert.Equal(JobStatus.Running, job.Status);
        release.SetResult();
        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
    }

    [Fact]
    public async Task An_inactivity_timeout_with_an_open_job_fails_the_worker_and_the_job()
    {
        var clock = new FakeTimeProvider();
        var flow = new FlowBuilder("stuck");
        var counter = flow.Add<Counter>("counter");
        flow.Add("sink", () => new Sink<int>(new ConcurrentQueue<int>()));
        flow.ConnectByName("counter.Number", "sink.In");
        flow.Entry(counter.Start());

        await using var runtime = new Runtime(new RuntimeOptions { TimeProvider = clock });
        var worker = runtime.CreateWorker(flow.Build(), new WorkerOptions { InactivityTimeout = TimeSpan.FromSeconds(2) });
        var job = worker.OpenJob();
        clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(JobStatus.Failed, await job.Completion.Within());
        Assert.IsType<TimeoutException>(job.Error);
        Assert.Equal(WorkerStatus.Failed, worker.Status);
    }

    [Fact]
    public async Task History_is_a_bounded_ring_of_handler_runs_with_timing_and_outcome()
    {
        var flow = new FlowBuilder("history");
        var plusOne = flow.Add<AddOne>("plus-one");
        flow.Entry(plusOne.In());

        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow.Build(), new WorkerOptions { HistoryCapacity = 10 });
        var job = worker.OpenJob();
        for (var i = 0; i < 25; i++)
        {
            await job.PostAsync(plusOne.In(), i);
        }

        job.CompleteInput();
        Assert.Equal(JobStatus.Completed, await job.Completion.Within());

        var history = worker.History;
        Assert.Equal(10, history.Count);
        Assert.All(history, run => Assert.Equal(("plus-one", "In", job.Id, HandlerOutcome.Completed, 1), (run.RoutineId, run.SlotName, run.JobId, run.Outcome, run.Attempt)));
        Assert.All(history, run => Assert.True(run.Duration >= TimeSpan.Zero));
        Assert.Equal(history.OrderBy(r => r.StartedAt), history);
        Assert.Equal(1, worker.JobsProcessed);
        Assert.Equal(RoutineState.Completed, worker.RoutineStates["plus-one"]);
    }

    [Fact]
    public async Task A_history_smaller_than_ten_is_rejected()
    {
        var flow = new FlowBuilder("small-history");
        var plusOne = flow.Add<AddOne>("plus-one");
        flow.Entry(plusOne.In());

        await using var runtime = new Runtime();
        var error = Assert.Throws<ArgumentException>(() => runtime.CreateWorker(flow.Build(), new WorkerOptions { HistoryCapacity = 9 }));
        Assert.Contains("at least 10", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => runtime.CreateWorker(flow.Build(), new WorkerOptions { InactivityTimeout = TimeSpan.Zero }));
    }

    [Fact]
    public async Task A_job_carries_a_data_bag_and_a_trace_log()
    {
        var flow = new FlowBuilder("records");
        var annotator = flow.Add<Annotator>("annotator");
        flow.Entry(annotator.In());

        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow.Build());
        var job = await worker.StartAsync(annotator.In(), "hello", new JobOptions { Id = "my-job", Data = new Dictionary<string, object?> { ["tenant"] = "acme" } });

        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        Assert.Equal("my-job", job.Id);
        Assert.Equal("acme", job.Data["tenant"]);
        Assert.Equal("hello", job.Data["seen"]);
        Assert.Equal(SlotDescriptor.DefaultCapacity, job.Data["capacity"]);
        var entry = Assert.Single(job.TraceLog);
        Assert.Equal(("annotator", "annotated hello"), (entry.RoutineId, entry.Message));
    }

    [Fact]
    public async Task Completing_a_worker_waits_for_its_jobs_and_then_refuses_new_ones()
    {
        var flow = new FlowBuilder("complete");
        var counter = flow.Add<Counter>("counter");
        flow.Add("sink", () => new Sink<int>(new ConcurrentQueue<int>()));
        flow.ConnectByName("counter.Number", "sink.In");
        flow.Entry(counter.Start());

        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow.Build());
        var job = await worker.StartAsync(counter.Start(), 500);
        await worker.CompleteAsync().Within();

        Assert.Equal(JobStatus.Completed, job.Status);
        Assert.Equal(WorkerStatus.Completed, worker.Status);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await worker.StartAsync(counter.Start(), 1));
    }

    [Fact]
    public async Task Cancelling_a_worker_records_the_reason_and_its_status()
    {
        var flow = new FlowBuilder("cancel-reason");
        var counter = flow.Add<Counter>("counter");
        flow.Entry(counter.Start());

        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow.Build());
        worker.Cancel("shutting down");

        Assert.Equal((WorkerStatus.Cancelled, "shutting down"), (worker.Status, worker.CancellationReason));
    }
}
