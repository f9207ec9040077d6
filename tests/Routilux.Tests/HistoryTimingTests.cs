using Microsoft.Extensions.Time.Testing;
using Routilux.Tests.Routines;

namespace Routilux.Tests;

/// <summary>
/// The history times a handler run on its own where user code or a delivery separates it from the next, sharing
/// readings where only runtime bookkeeping does; runs timed together (one slot's and one job's, back to back) get
/// equal shares. A fake clock that only the handlers move makes every duration exact.
/// </summary>
public class HistoryTimingTests
{
    private static readonly TimeSpan Millisecond = TimeSpan.FromMilliseconds(1);

    private static TimeSpan[] Durations(Worker worker, string routine) =>
        worker.History.Where(run => run.RoutineId == routine).Select(run => run.Duration).ToArray();

    [Fact]
    public async Task A_run_fed_by_an_async_emit_starts_when_the_emit_delivers_not_at_the_emitters_last_end()
    {
        var clock = new FakeTimeProvider();
        var flow = new FlowBuilder("async-emit-timing");
        var source = flow.Add("source", () => new TimedSource(clock, 10 * Millisecond));
        var stage = flow.Add("stage", () => new TimedStage(clock, Millisecond));
        flow.Connect(source.Number(), stage.In());
        flow.Entry(source.Start());

        await using var runtime = new Runtime(new RuntimeOptions { TimeProvider = clock });
        var worker = runtime.CreateWorker(flow.Build());
        for (var job = 0; job < 2; job++)
        {
            Assert.Equal(JobStatus.Completed, await (await worker.StartAsync(source.Start(), 3)).Completion.Within());
        }

        // Each stage run is inline in the middle of the source's handler, after 10 ms of the source's own work.
        Assert.Equal(Enumerable.Repeat(Millisecond, 6), Durations(worker, "stage"));
        Assert.Equal(Enumerable.Repeat(33 * Millisecond, 2), Durations(worker, "source"));
    }

    [Fact]
    public async Task Each_target_of_a_fan_out_is_timed_on_its_own()
    {
        var clock = new FakeTimeProvider();
        var flow = new FlowBuilder("fan-out-timing");
        var split = flow.Add("split", () => new TimedStage(clock, TimeSpan.Zero));
        var slow = flow.Add("slow", () => new TimedStage(clock, 5 * Millisecond));
        var fast = flow.Add("fast", () => new TimedStage(clock, Millisecond));
        flow.Connect(split.Out(), slow.In()).Connect(split.Out(), fast.In());
        flow.Entry(split.In());

        await using var runtime = new Runtime(new RuntimeOptions { TimeProvider = clock });
        var worker = runtime.CreateWorker(flow.Build());
        for (var i = 0; i < 3; i++)
        {
            var job = await worker.RunAsync(split.In(), i).AsTask().Within();
            Assert.Equal(JobStatus.Completed, job.Status);
        }

        Assert.Equal(Enumerable.Repeat(5 * Millisecond, 3), Durations(worker, "slow"));
        Assert.Equal(Enumerable.Repeat(Millisecond, 3), Durations(worker, "fast"));
    }

    [Fact]
    public async Task Queued_messages_run_back_to_back_are_timed_per_message_and_time_between_turns_is_not_counted()
    {
        var clock = new FakeTimeProvider();
        var flow = new FlowBuilder("turn-timing");
        var stage = flow.Add("stage", () => new TimedStage(clock, 2 * Millisecond));
        var next = flow.Add("next", () => new TimedStage(clock, Millisecond));
        flow.Connect(stage.Out(), next.In());
        flow.Entry(stage.In());

        await using var runtime = new Runtime(new RuntimeOptions { TimeProvider = clock });
        var worker = runtime.CreateWorker(flow.Build());

        // Posted while the worker is paused, the messages wait in the queue and then run in one turn, each fusing
        // into "next" before the turn takes the following one.
        worker.Pause();
        var job = worker.OpenJob();
        for (var i = 0; i < 20; i++)
        {
            await job.PostAsync(stage.In(), i);
        }

        job.CompleteInput();
        worker.Resume();
        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        var firstEnd = worker.History.Max(run => run.StartedAt + run.Duration);

        // An hour with nothing to do, then one more message: its run starts after the hour, not where the last one ended.
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(JobStatus.Completed, await (await worker.StartAsync(stage.In(), 20)).Completion.Within());

        Assert.Equal(Enumerable.Repeat(2 * Millisecond, 21), Durations(worker, "stage"));
        Assert.Equal(Enumerable.Repeat(Millisecond, 21), Durations(worker, "next"));
        var last = worker.History.Where(run => run.RoutineId == "stage").MaxBy(run => run.StartedAt)!;
        Assert.True(last.StartedAt >= firstEnd + TimeSpan.FromHours(1), $"The last run started at {last.StartedAt}, less than an hour after {firstEnd}.");
    }

    [Fact]
    public async Task A_retry_without_delay_of_a_message_run_inline_is_timed_from_the_failed_attempts_end()
    {
        var clock = new FakeTimeProvider();
        var flow = new FlowBuilder("retry-timing");
        var split = flow.Add("split", () => new TimedStage(clock, Millisecond));
        var flaky = flow.Add("flaky", () => new TimedFlakyStage(clock, 2 * Millisecond, failures: 1));
        flow.Connect(split.Out(), flaky.In());
        flow.Entry(split.In());
        flow.OnError(flaky, ErrorPolicy.Retry(1, TimeSpan.Zero));

        await using var runtime = new Runtime(new RuntimeOptions { TimeProvider = clock });
        var worker = runtime.CreateWorker(flow.Build());
        var job = await worker.RunAsync(split.In(), 1).AsTask().Within();
        Assert.Equal(JobStatus.Completed, job.Status);

        // Both attempts run inline behind "split"; the retry's 2 ms do not include the failed attempt's.
        var runs = worker.History.Where(run => run.RoutineId == "flaky").OrderBy(run => run.Attempt).ToArray();
        Assert.Equal(new[] { HandlerOutcome.Retried, HandlerOutcome.Completed }, runs.Select(run => run.Outcome));
        Assert.Equal(new[] { 2 * Millisecond, 2 * Millisecond }, runs.Select(run => run.Duration));
        Assert.Equal(runs[0].StartedAt + (2 * Millisecond), runs[1].StartedAt);
    }

    [Fact]
    public async Task The_runs_of_a_batch_share_its_measured_time_equally_and_a_message_on_its_own_is_timed_exactly()
    {
        var clock = new FakeTimeProvider();
        var flow = new FlowBuilder("batch-timing");
        var stage = flow.Add("stage", () => new VaryingStage(clock));
        flow.Entry(stage.In());

        await using var runtime = new Runtime(new RuntimeOptions { TimeProvider = clock });
        var worker = runtime.CreateWorker(flow.Build());

        // Queued while paused, the job's 1..10 ms messages are taken as one batch when the worker resumes.
        worker.Pause();
        var job = worker.OpenJob();
        for (var ms = 1; ms <= 10; ms++)
        {
            await job.PostAsync(stage.In(), ms);
        }

        job.CompleteInput();
        worker.Resume();
        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        var batch = worker.History.OrderBy(run => run.StartedAt).ToArray();
        Assert.Equal(10, batch.Length);

        // One reading at the batch's end: 55 ms in all, 5.5 ms to each run, back to back.
        Assert.All(batch, run => Assert.Equal(TimeSpan.FromMilliseconds(5.5), run.Duration));
        for (var i = 1; i < batch.Length; i++)
        {
            Assert.Equal(batch[i - 1].StartedAt + batch[i - 1].Duration, batch[i].StartedAt);
        }

        // A message alone is its own batch: 7 ms exactly.
        Assert.Equal(JobStatus.Completed, await (await worker.StartAsync(stage.In(), 7)).Completion.Within());
        Assert.Equal(7 * Millisecond, worker.History.MaxBy(run => run.StartedAt)!.Duration);
    }

    [Fact]
    public async Task Runs_of_different_jobs_never_share_a_reading_and_every_run_is_in_the_history_when_its_job_completes()
    {
        var clock = new FakeTimeProvider();
        var flow = new FlowBuilder("jobs-timing");
        var stage = flow.Add("stage", () => new VaryingStage(clock));
        flow.Entry(stage.In());

        await using var runtime = new Runtime(new RuntimeOptions { TimeProvider = clock });
        var worker = runtime.CreateWorker(flow.Build());

        // One turn takes job A's three 1 ms messages, then job B's three 3 ms messages.
        worker.Pause();
        var a = worker.OpenJob();
        var b = worker.OpenJob();
        for (var i = 0; i < 3; i++)
        {
            await a.PostAsync(stage.In(), 1);
        }

        for (var i = 0; i < 3; i++)
        {
            await b.PostAsync(stage.In(), 3);
        }

        a.CompleteInput();
        b.CompleteInput();
        worker.Resume();
        Assert.Equal(JobStatus.Completed, await a.Completion.Within());
        Assert.Equal(3, worker.History.Count(run => run.JobId == a.Id));
        Assert.Equal(JobStatus.Completed, await b.Completion.Within());

        var runs = worker.History;
        Assert.Equal(Enumerable.Repeat(Millisecond, 3), runs.Where(run => run.JobId == a.Id).Select(run => run.Duration));
        Assert.Equal(Enumerable.Repeat(3 * Millisecond, 3), runs.Where(run => run.JobId == b.Id).Select(run => run.Duration));
    }

    [Fact]
    public async Task A_history_smaller_than_a_group_keeps_the_groups_latest_runs()
    {
        var clock = new FakeTimeProvider();
        var began = clock.GetUtcNow();
        var flow = new FlowBuilder("capacity-timing");
        var stage = flow.Add("stage", () => new VaryingStage(clock));
        flow.Entry(stage.In());

        await using var runtime = new Runtime(new RuntimeOptions { TimeProvider = clock });
        var worker = runtime.CreateWorker(flow.Build(), new WorkerOptions { HistoryCapacity = WorkerOptions.MinimumHistoryCapacity });

        // 30 runs of 1 ms with nothing delivered between them: one turn times them together.
        worker.Pause();
        var job = worker.OpenJob();
        for (var i = 0; i < 30; i++)
        {
            await job.PostAsync(stage.In(), 1);
        }

        job.CompleteInput();
        worker.Resume();
        Assert.Equal(JobStatus.Completed, await job.Completion.Within());

        var runs = worker.History;
        Assert.Equal(WorkerOptions.MinimumHistoryCapacity, runs.Count);
        Assert.All(runs, run => Assert.Equal(Millisecond, run.Duration));
        Assert.Equal(began + (20 * Millisecond), runs[0].StartedAt);
        Assert.Equal(began + (30 * Millisecond), runs[^1].StartedAt + runs[^1].Duration);
    }
}
