using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Routilux.Tests.Routines;

namespace Routilux.Tests.Observability;

public class LoggingTests
{
    [Fact]
    public async Task A_completed_job_logs_its_start_and_end_under_Routilux_Job()
    {
        var logs = new InMemoryLoggerFactory();
        await using var runtime = new Runtime(new RuntimeOptions { LoggerFactory = logs });
        var worker = runtime.CreateWorker(Relay());

        var job = await worker.StartAsync(worker.Flow.Entry<int>("chatty.In"), 3);

        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        var started = Assert.Single(logs.WithId(1000));
        var completed = Assert.Single(logs.WithId(1001));
        Assert.Equal(("Routilux.Job", LogLevel.Debug, "JobStarted"), (started.Category, started.Level, started.EventId.Name));
        Assert.Equal(("Routilux.Job", "JobCompleted"), (completed.Category, completed.EventId.Name));
        Assert.Contains(job.Id, completed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_handler_logs_through_its_context_under_its_routine_class_name()
    {
        var logs = new InMemoryLoggerFactory();
        await using var runtime = new Runtime(new RuntimeOptions { LoggerFactory = logs });
        var worker = runtime.CreateWorker(Relay());

        var job = await worker.StartAsync(worker.Flow.Entry<int>("chatty.In"), 3);

        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        var relayed = Assert.Single(logs.WithId(42));
        Assert.Equal(typeof(ChattyRelay).FullName, relayed.Category);
        Assert.Equal("relaying 3", relayed.Message);
    }

    [Fact]
    public async Task A_retry_then_a_failure_log_1101_then_1100_and_the_failed_job_1002_with_the_exception()
    {
        var logs = new InMemoryLoggerFactory();
        await using var runtime = new Runtime(new RuntimeOptions { LoggerFactory = logs });
        var worker = runtime.CreateWorker(FlakyFlow(ErrorPolicy.Retry(1, TimeSpan.Zero)));

        var job = await worker.StartAsync(worker.Flow.Entry<int>("flaky.In"), 1);

        Assert.Equal(JobStatus.Failed, await job.Completion.Within());
        var retry = Assert.Single(logs.WithId(1101));
        Assert.Equal(("Routilux.Worker", LogLevel.Warning), (retry.Category, retry.Level));
        Assert.IsType<TimeoutException>(retry.Exception);
        var failed = Assert.Single(logs.WithId(1100));
        Assert.Equal(LogLevel.Error, failed.Level);
        Assert.IsType<TimeoutException>(failed.Exception);
        Assert.Contains("flaky.In", failed.Message, StringComparison.Ordinal);
        Assert.Contains("attempt 2", failed.Message, StringComparison.Ordinal);
        Assert.IsType<RoutineFailedException>(Assert.Single(logs.WithId(1002)).Exception);
    }

    [Fact]
    public async Task A_cancelled_job_logs_1003_with_its_reason()
    {
        var logs = new InMemoryLoggerFactory();
        await using var runtime = new Runtime(new RuntimeOptions { LoggerFactory = logs });
        var worker = runtime.CreateWorker(Relay());

        var job = worker.OpenJob();
        job.Cancel("not needed");

        Assert.Equal(JobStatus.Cancelled, await job.Completion.Within());
        Assert.Contains("not needed", Assert.Single(logs.WithId(1003)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drops_pause_resume_and_cancel_of_a_worker_log_their_ids()
    {
        var logs = new InMemoryLoggerFactory();
        await using var runtime = new Runtime(new RuntimeOptions { LoggerFactory = logs });
        var flow = new FlowBuilder("drops");
        var bag = flow.Add("bag", () => new Bag(new ConcurrentQueue<int>()));
        flow.SetQueuePolicy(bag.In(), QueueFullPolicy.DropNewest);
        flow.Entry(bag.In());
        var worker = runtime.CreateWorker(flow.Build());
        worker.Pause("fill the queue first");
        var job = worker.OpenJob();
        for (var i = 0; i < 6; i++)
        {
            await job.PostAsync(bag.In(), i);
        }

        job.CompleteInput();
        worker.Resume();
        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        worker.Cancel("shutting down");

        Assert.Equal(2, logs.WithId(1102).Count());
        Assert.Contains("fill the queue first", Assert.Single(logs.WithId(1200)).Message, StringComparison.Ordinal);
        Assert.Single(logs.WithId(1201));
        var cancelled = Assert.Single(logs.WithId(1202));
        Assert.Contains("shutting down", cancelled.Message, StringComparison.Ordinal);
        Assert.Equal(LogLevel.Information, cancelled.Level);
    }

    [Fact]
    public async Task A_job_past_its_timeout_logs_1004()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var logs = new InMemoryLoggerFactory();
        await using var runtime = new Runtime(new RuntimeOptions { LoggerFactory = logs, TimeProvider = clock });
        var worker = runtime.CreateWorker(Relay());

        var job = worker.OpenJob(new JobOptions { Timeout = TimeSpan.FromSeconds(1) });
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(JobStatus.Failed, await job.Completion.Within());
        Assert.Equal(LogLevel.Warning, Assert.Single(logs.WithId(1004)).Level);
        Assert.Single(logs.WithId(1002));
    }

    [Fact]
    public async Task Without_a_logger_factory_handlers_get_a_logger_that_logs_nothing()
    {
        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(Relay());

        var job = await worker.StartAsync(worker.Flow.Entry<int>("chatty.In"), 3);

        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        Assert.Same(Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, runtime.Options.LoggerFactory);
    }

    [Fact]
    public async Task A_worker_closed_for_inactivity_logs_1203_with_its_timeout()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var logs = new InMemoryLoggerFactory();
        await using var runtime = new Runtime(new RuntimeOptions { LoggerFactory = logs, TimeProvider = clock });
        var worker = runtime.CreateWorker(Relay(), new WorkerOptions { InactivityTimeout = TimeSpan.FromSeconds(5) });

        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(WorkerStatus.Completed, worker.Status);
        var closed = Assert.Single(logs.WithId(1203));
        Assert.Equal(LogLevel.Warning, closed.Level);
        Assert.Contains("5000 ms", closed.Message, StringComparison.Ordinal);
        Assert.Contains(worker.Id, closed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_automatic_checkpoint_logs_1204_with_the_store_error_and_the_flow_goes_on()
    {
        var logs = new InMemoryLoggerFactory();
        await using var runtime = new Runtime(new RuntimeOptions { LoggerFactory = logs });
        var (flow, go) = Checkpoints.CheckpointFlows.SourceToSink();
        var worker = runtime.CreateWorker(flow, new WorkerOptions { Id = "w-log-1204", Store = new FailingStore(), CheckpointAfterRuns = 1 });

        var job = await worker.RunAsync(go, 2);

        Assert.Equal(JobStatus.Completed, job.Status);
        Eventually.True(() => logs.WithId(1204).Any(), "the failed checkpoint was logged");
        var failed = logs.WithId(1204).First();
        Assert.Equal(LogLevel.Error, failed.Level);
        Assert.IsType<System.IO.IOException>(failed.Exception);
        Assert.Contains("w-log-1204", failed.Message, StringComparison.Ordinal);
    }

    private static Flow Relay()
    {
        var flow = new FlowBuilder("chatty-flow");
        var chatty = flow.Add<ChattyRelay>("chatty");
        var sink = flow.Add("sink", () => new Sink<int>(new ConcurrentQueue<int>()));
        flow.Connect(chatty.Out(), sink.In());
        flow.Entry(chatty.In());
        return flow.Build();
    }

    private static Flow FlakyFlow(ErrorPolicy policy)
    {
        var flow = new FlowBuilder("flaky-flow");
        var flaky = flow.Add("flaky", () => new Flaky(new AttemptLog(), int.MaxValue));
        var sink = flow.Add("sink", () => new Sink<int>(new ConcurrentQueue<int>()));
        flow.Connect(flaky.Out(), sink.In());
        flow.Entry(flaky.In());
        flow.OnError(flaky, policy);
        return flow.Build();
    }

    private sealed class FailingStore : IWorkerStore
    {
        public ValueTask SaveCheckpointAsync(WorkerCheckpoint checkpoint, CancellationToken cancellationToken = default) => throw new System.IO.IOException("disk full");

        public ValueTask<WorkerCheckpoint?> LoadLatestCheckpointAsync(string workerId, CancellationToken cancellationToken = default) => new((WorkerCheckpoint?)null);

        public ValueTask<IReadOnlyList<string>> ListWorkersAsync(CancellationToken cancellationToken = default) => new(Array.Empty<string>());

        public ValueTask<bool> DeleteWorkerAsync(string workerId, CancellationToken cancellationToken = default) => new(false);
    }
}
