using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using Routilux.Tests.Routines;

namespace Routilux.Tests;

public class ErrorPolicyTests
{
    [Fact]
    public async Task Retry_three_runs_an_always_failing_handler_four_times_with_backoff_then_fails_the_job()
    {
        var clock = new FakeTimeProvider();
        var log = new AttemptLog();
        var (flow, entry) = FlakyFlow(log, failures: int.MaxValue, ErrorPolicy.Retry(3, TimeSpan.FromMilliseconds(100), backoffFactor: 2), new ConcurrentQueue<int>());

        await using var runtime = new Runtime(new RuntimeOptions { TimeProvider = clock });
        var worker = runtime.CreateWorker(flow);
        var job = await worker.StartAsync(entry, 7);

        Eventually.True(() => worker.Cell(0).IsWaitingForRetry, "the first run failed and its retry is scheduled");
        Assert.Equal(1, log.Attempts);
        clock.Advance(TimeSpan.FromMilliseconds(99));
        Assert.Equal(1, log.Attempts);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Eventually.True(() => log.Attempts == 2, "the first retry, 100 ms later");
        clock.Advance(TimeSpan.FromMilliseconds(199));
        Assert.Equal(2, log.Attempts);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Eventually.True(() => log.Attempts == 3, "the second retry, 200 ms after the first");
        clock.Advance(TimeSpan.FromMilliseconds(399));
        Assert.Equal(3, log.Attempts);
        clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(JobStatus.Failed, await job.Completion.Within());
        Assert.Equal(4, log.Attempts);
        var error = Assert.IsType<RoutineFailedException>(job.Error);
        Assert.IsType<TimeoutException>(error.InnerException);
        var recorded = Assert.Single(job.Errors);
        Assert.Equal((ErrorStrategy.Stop, 4), (recorded.Strategy, recorded.Attempts));
        Assert.Equal(RoutineState.Failed, worker.RoutineStates["flaky"]);
        var runs = worker.History.Where(r => r.RoutineId == "flaky").ToList();
        Assert.Equal(new[] { HandlerOutcome.Retried, HandlerOutcome.Retried, HandlerOutcome.Retried, HandlerOutcome.Failed }, runs.Select(r => r.Outcome));
        Assert.Equal(new[] { 1, 2, 3, 4 }, runs.Select(r => r.Attempt));
    }

    [Fact]
    public async Task Retry_runs_a_handler_that_fails_once_twice_and_the_job_completes()
    {
        var received = new ConcurrentQueue<int>();
        var log = new AttemptLog();
        var (flow, entry) = FlakyFlow(log, failures: 1, ErrorPolicy.Retry(3, TimeSpan.Zero), received);

        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow);
        var job = await worker.StartAsync(entry, 5);

        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        Assert.Equal(2, log.Attempts);
        Assert.Equal(new[] { 5 }, received);
        Assert.Empty(job.Errors);
        Assert.Equal(RoutineState.Completed, worker.RoutineStates["flaky"]);
    }

    [Fact]
    public async Task Retry_only_retries_the_exception_types_it_names_then_falls_back()
    {
        var log = new AttemptLog();
        var policy = ErrorPolicy.Retry(5, TimeSpan.Zero, retryOn: new[] { typeof(System.IO.IOException) }, then: ErrorPolicy.Continue);
        var (flow, entry) = FlakyFlow(log, failures: int.MaxValue, policy, new ConcurrentQueue<int>());

        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow);
        var job = await worker.StartAsync(entry, 1);

        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        Assert.Equal(1, log.Attempts);
        Assert.Equal(ErrorStrategy.Continue, Assert.Single(job.Errors).Strategy);
        Assert.Equal(RoutineState.ErrorContinued, worker.RoutineStates["flaky"]);
    }

    [Fact]
    public void Retry_delays_grow_by_the_backoff_and_stop_at_the_cap()
    {
        var policy = ErrorPolicy.Retry(5, TimeSpan.FromMilliseconds(100), 3, TimeSpan.FromMilliseconds(500));

        Assert.Equal(new[] { 100.0, 300, 500, 500 }, Enumerable.Range(1, 4).Select(i => policy.DelayBefore(i).TotalMilliseconds));
    }

    [Fact]
    public async Task Continue_records_the_error_delivers_what_was_emitted_and_the_job_completes()
    {
        var received = new ConcurrentQueue<int>();
        var (flow, entry) = EmitThenThrowFlow(received, flow => flow.OnError(ErrorPolicy.Continue));

        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow);
        var job = worker.OpenJob();
        foreach (var value in new[] { 1, 2, 3 })
        {
            await job.PostAsync(entry, value);
        }

        job.CompleteInput();

        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        Assert.Equal(new[] { 1, 2, 3 }, received.Order());
        Assert.Equal(2, job.Errors.Count);
        Assert.All(job.Errors, e => Assert.Equal((ErrorStrategy.Continue, "thrower", "In"), (e.Strategy, e.RoutineId, e.SlotName)));
        Assert.Equal(RoutineState.ErrorContinued, worker.RoutineStates["thrower"]);
        Assert.Null(job.Error);
    }

    [Fact]
    public async Task Skip_drops_the_message_delivers_nothing_downstream_and_the_job_completes()
    {
        var received = new ConcurrentQueue<int>();
        var (flow, entry) = EmitThenThrowFlow(received, flow => flow.OnError(ErrorPolicy.Skip));

        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow);
        var job = await worker.StartAsync(entry, 3);

        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        Assert.Empty(received);
        Assert.Equal(ErrorStrategy.Skip, Assert.Single(job.Errors).Strategy);
        Assert.Equal(RoutineState.Skipped, worker.RoutineStates["thrower"]);
        Assert.Equal(HandlerOutcome.Skipped, worker.History.Single(r => r.RoutineId == "thrower").Outcome);
    }

    [Fact]
    public async Task A_routine_level_policy_overrides_the_flow_level_one()
    {
        var received = new ConcurrentQueue<int>();
        var (flow, entry) = EmitThenThrowFlow(received, (flow, thrower) => flow.OnError(ErrorPolicy.Continue).OnError(thrower, ErrorPolicy.Skip));

        await using var runtime = new Runtime();
        var job = await runtime.CreateWorker(flow).StartAsync(entry, 1);

        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        Assert.Equal(ErrorStrategy.Skip, Assert.Single(job.Errors).Strategy);
        Assert.Empty(received);
    }

    [Fact]
    public void Invalid_retry_settings_are_rejected_at_build_time_naming_the_routine()
    {
        var flow = new FlowBuilder("bad-retry");
        var counter = flow.Add<Counter>("counter");
        var flaky = flow.Add("flaky", () => new Flaky(new AttemptLog(), 0));
        flow.Connect(counter.Number(), flaky.In());
        flow.Entry(counter.Start());
        flow.OnError(flaky, ErrorPolicy.Retry(-1, TimeSpan.FromMilliseconds(-5), backoffFactor: 0.5));
        flow.OnError(counter, ErrorPolicy.Retry(1, TimeSpan.Zero, then: ErrorPolicy.Retry(1, TimeSpan.Zero)));

        var error = Assert.Throws<FlowValidationException>(flow.Build);

        Assert.Contains(error.Problems, p => p.Contains("Routine 'flaky'", StringComparison.Ordinal) && p.Contains("-1 retries", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("Routine 'flaky'", StringComparison.Ordinal) && p.Contains("negative delay", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("Routine 'flaky'", StringComparison.Ordinal) && p.Contains("backoff factor 0.5", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("Routine 'counter'", StringComparison.Ordinal) && p.Contains("fallback is another retry", StringComparison.Ordinal));
    }

    [Fact]
    public void Invalid_flow_level_settings_are_rejected_naming_the_flow()
    {
        var flow = new FlowBuilder("bad-flow-retry");
        var counter = flow.Add<Counter>("counter");
        flow.Entry(counter.Start());
        flow.OnError(ErrorPolicy.Retry(2, TimeSpan.FromSeconds(2), maxDelay: TimeSpan.FromSeconds(1)));

        var error = Assert.Throws<FlowValidationException>(flow.Build);

        Assert.Contains(error.Problems, p => p.StartsWith("Flow 'bad-flow-retry'", StringComparison.Ordinal) && p.Contains("maximum delay", StringComparison.Ordinal));
    }

    private static (Flow Flow, SlotPort<int> Entry) FlakyFlow(AttemptLog log, int failures, ErrorPolicy policy, ConcurrentQueue<int> received)
    {
        var flow = new FlowBuilder("flaky-flow");
        var flaky = flow.Add("flaky", () => new Flaky(log, failures));
        var sink = flow.Add("sink", () => new Sink<int>(received));
        flow.Connect(flaky.Out(), sink.In());
        flow.Entry(flaky.In());
        flow.OnError(flaky, policy);
        return (flow.Build(), flaky.In());
    }

    private static (Flow Flow, SlotPort<int> Entry) EmitThenThrowFlow(ConcurrentQueue<int> received, Action<FlowBuilder> configure) =>
        EmitThenThrowFlow(received, (flow, _) => configure(flow));

    private static (Flow Flow, SlotPort<int> Entry) EmitThenThrowFlow(ConcurrentQueue<int> received, Action<FlowBuilder, RoutineHandle<EmitThenThrow>> configure)
    {
        var flow = new FlowBuilder("continue-or-skip");
        var thrower = flow.Add<EmitThenThrow>("thrower");
        var sink = flow.Add("sink", () => new Sink<int>(received));
        flow.Connect(thrower.Out(), sink.In());
        flow.Entry(thrower.In());
        configure(flow, thrower);
        return (flow.Build(), thrower.In());
    }
}
