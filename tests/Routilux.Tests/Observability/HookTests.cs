using System.Collections.Concurrent;
using Routilux.Tests.Routines;

namespace Routilux.Tests.Observability;

public class HookTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_run_raises_job_handler_emit_and_enqueue_events_with_its_routine_slot_job_and_attempt(bool recordHistory)
    {
        var hooks = new RecordingHooks();
        var received = new ConcurrentQueue<int>();
        await using var runtime = new Runtime(new RuntimeOptions { Hooks = [hooks] });
        var worker = runtime.CreateWorker(AddOneThenSink(received), new WorkerOptions { RecordHistory = recordHistory });

        var job = await worker.StartAsync(EntryOf(worker), 1);

        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        Assert.Equal(new[] { 2 }, received);
        var events = hooks.Events.ToList();
        var id = job.Id;
        Assert.Equal($"job-started {id}", events[0]);
        Assert.Equal($"job-ended {id} Completed", events[^1]);
        Assert.Contains($"enqueue add.In {id}", events);
        Assert.Contains($"emit add.Out {id}", events);

        // A handler's events come in order on its own thread: start, emits, end; the sink's run follows the add's emit.
        var handlerEvents = events.Where(e => !e.StartsWith("enqueue", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            new[]
            {
                $"job-started {id}",
                $"start add.In {id} #1",
                $"emit add.Out {id}",
                $"end add.In {id} #1 Completed",
                $"start sink.In {id} #1",
                $"end sink.In {id} #1 Completed",
                $"job-ended {id} Completed",
            },
            handlerEvents);
        Assert.All(hooks.Ends, end => Assert.True(end.Duration >= TimeSpan.Zero));
        Assert.All(hooks.Ends, end => Assert.Null(end.Error));
    }

    [Fact]
    public async Task A_retried_handler_raises_one_start_and_end_per_attempt_with_the_outcome_and_the_error()
    {
        var hooks = new RecordingHooks();
        await using var runtime = new Runtime(new RuntimeOptions { Hooks = [hooks] });
        var worker = runtime.CreateWorker(FlakyFlow(failures: 1, ErrorPolicy.Retry(3, TimeSpan.Zero)));

        var job = await worker.StartAsync(worker.Flow.Entry<int>("flaky.In"), 5);

        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        var flaky = hooks.Ends.Where(e => e.RoutineId == "flaky").ToList();
        Assert.Equal(new[] { (1, HandlerOutcome.Retried), (2, HandlerOutcome.Completed) }, flaky.Select(e => (e.Attempt, e.Outcome)));
        Assert.IsType<TimeoutException>(flaky[0].Error);
        Assert.Null(flaky[1].Error);
        Assert.Contains($"start flaky.In {job.Id} #2", hooks.Events);
    }

    [Fact]
    public async Task A_failing_handler_ends_failed_with_its_error_and_the_job_ends_failed()
    {
        var hooks = new RecordingHooks();
        await using var runtime = new Runtime(new RuntimeOptions { Hooks = [hooks] });
        var worker = runtime.CreateWorker(FlakyFlow(failures: int.MaxValue, ErrorPolicy.Stop));

        var job = await worker.StartAsync(worker.Flow.Entry<int>("flaky.In"), 5);

        Assert.Equal(JobStatus.Failed, await job.Completion.Within());
        var end = Assert.Single(hooks.Ends);
        Assert.Equal((1, HandlerOutcome.Failed), (end.Attempt, end.Outcome));
        Assert.IsType<TimeoutException>(end.Error);
        Assert.Equal($"job-ended {job.Id} Failed", hooks.Events.Last());
    }

    [Fact]
    public async Task Messages_dropped_by_a_full_queue_raise_one_drop_each()
    {
        var hooks = new RecordingHooks();
        var received = new ConcurrentQueue<int>();
        await using var runtime = new Runtime(new RuntimeOptions { Hooks = [hooks] });
        var flow = new FlowBuilder("drops");
        var bag = flow.Add("bag", () => new Bag(received));
        flow.SetQueuePolicy(bag.In(), QueueFullPolicy.DropNewest);
        flow.Entry(bag.In());
        var worker = runtime.CreateWorker(flow.Build());
        worker.Pause("fill the queue first");

        var job = worker.OpenJob();
        for (var i = 0; i < 10; i++)
        {
            await job.PostAsync(bag.In(), i);
        }

        job.CompleteInput();
        worker.Resume();

        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        Assert.Equal(6, hooks.Events.Count(e => e == $"drop bag.In {job.Id}"));
        Assert.Equal(4, hooks.Events.Count(e => e == $"enqueue bag.In {job.Id}"));
    }

    [Fact]
    public async Task A_throwing_hook_is_logged_and_neither_the_job_nor_the_other_hooks_notice()
    {
        var recording = new RecordingHooks();
        var logs = new InMemoryLoggerFactory();
        var received = new ConcurrentQueue<int>();
        await using var runtime = new Runtime(new RuntimeOptions { Hooks = [new ThrowingHooks(), recording], LoggerFactory = logs });
        var worker = runtime.CreateWorker(AddOneThenSink(received));

        var job = await worker.StartAsync(EntryOf(worker), 1);

        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        Assert.Equal(new[] { 2 }, received);
        Assert.Equal($"job-ended {job.Id} Completed", recording.Events.Last());
        var failures = logs.WithId(1300).ToList();
        Assert.All(failures, f => Assert.Equal("Routilux.Hooks", f.Category));
        Assert.All(failures, f => Assert.IsType<InvalidOperationException>(f.Exception));
        var callbacks = failures.Select(f => f.Message).ToList();
        foreach (var callback in new[] { "OnJobStarted", "OnHandlerStarting", "OnEmitted", "OnHandlerEnded", "OnEnqueued", "OnJobEnded" })
        {
            Assert.Contains(callbacks, m => m.Contains($"ThrowingHooks.{callback}", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_null_hook_is_refused_with_its_index()
    {
        var error = Assert.Throws<ArgumentException>(() => new Runtime(new RuntimeOptions { Hooks = [new RecordingHooks(), null!] }));

        Assert.Contains("Hooks[1]", error.Message, StringComparison.Ordinal);
    }

    private static Flow AddOneThenSink(ConcurrentQueue<int> received)
    {
        var flow = new FlowBuilder("hooked");
        var add = flow.Add<AddOne>("add");
        var sink = flow.Add("sink", () => new Sink<int>(received));
        flow.Connect(add.Out(), sink.In());
        flow.Entry(add.In());
        return flow.Build();
    }

    private static SlotPort<int> EntryOf(Worker worker) => worker.Flow.Entry<int>("add.In");

    private static Flow FlakyFlow(int failures, ErrorPolicy policy)
    {
        var log = new AttemptLog();
        var flow = new FlowBuilder("flaky-flow");
        var flaky = flow.Add("flaky", () => new Flaky(log, failures));
        var sink = flow.Add("sink", () => new Sink<int>(new ConcurrentQueue<int>()));
        flow.Connect(flaky.Out(), sink.In());
        flow.Entry(flaky.In());
        flow.OnError(flaky, policy);
        return flow.Build();
    }
}
