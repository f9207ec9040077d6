using Microsoft.Extensions.Time.Testing;
using Routilux.Tests.Routines;

namespace Routilux.Tests.Observability;

public class HookTimingTests
{
    [Fact]
    public async Task Hooks_time_each_run_of_a_group_the_history_times_together()
    {
        var clock = new FakeTimeProvider();
        var hooks = new RecordingHooks();
        await using var runtime = new Runtime(new RuntimeOptions { Hooks = [hooks], TimeProvider = clock });
        var flow = new FlowBuilder("varying");
        var stage = flow.Add("stage", () => new VaryingStage(clock));
        flow.Entry(stage.In());
        var worker = runtime.CreateWorker(flow.Build());

        // Queued while paused, the three run back to back in one turn: the history may give them one shared reading.
        worker.Pause("queue them first");
        var job = worker.OpenJob();
        foreach (var ms in new[] { 1, 2, 4 })
        {
            await job.PostAsync(stage.In(), ms);
        }

        job.CompleteInput();
        worker.Resume();

        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        Assert.Equal(new[] { 1.0, 2, 4 }, hooks.Ends.Select(e => e.Duration.TotalMilliseconds));
        Assert.All(hooks.Ends, e => Assert.Equal((1, HandlerOutcome.Completed), (e.Attempt, e.Outcome)));
    }

    [Fact]
    public async Task An_asynchronous_handler_ends_after_its_await_with_its_whole_duration_or_its_error()
    {
        var clock = new FakeTimeProvider();
        var hooks = new RecordingHooks();
        await using var runtime = new Runtime(new RuntimeOptions { Hooks = [hooks], TimeProvider = clock });
        var flow = new FlowBuilder("async");
        var stage = flow.Add("stage", () => new AsyncTimedStage(clock));
        flow.Entry(stage.In());
        flow.OnError(stage, ErrorPolicy.Continue);
        var worker = runtime.CreateWorker(flow.Build());

        var ok = await worker.StartAsync(stage.In(), 3);
        Assert.Equal(JobStatus.Completed, await ok.Completion.Within());
        var failing = await worker.StartAsync(stage.In(), -5);
        Assert.Equal(JobStatus.Completed, await failing.Completion.Within());

        var ends = hooks.Ends.ToList();
        Assert.Equal(2, ends.Count);
        Assert.Equal((ok.Id, HandlerOutcome.Completed, 3.0), (ends[0].Job.Id, ends[0].Outcome, ends[0].Duration.TotalMilliseconds));
        Assert.Null(ends[0].Error);
        Assert.Equal((failing.Id, HandlerOutcome.ErrorContinued, 5.0), (ends[1].Job.Id, ends[1].Outcome, ends[1].Duration.TotalMilliseconds));
        Assert.IsType<ArgumentOutOfRangeException>(ends[1].Error);
    }
}
