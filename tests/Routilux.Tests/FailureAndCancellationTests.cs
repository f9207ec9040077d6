using System.Collections.Concurrent;
using Routilux.Tests.Routines;

namespace Routilux.Tests;

public class FailureAndCancellationTests
{
    [Fact]
    public async Task A_handler_exception_fails_the_job_naming_routine_and_slot()
    {
        var received = new ConcurrentQueue<int>();
        var flow = new FlowBuilder("unlucky-flow");
        var counter = flow.Add<Counter>("counter");
        var unlucky = flow.Add<Unlucky>("unlucky");
        var sink = flow.Add("sink", () => new Sink<int>(received));
        flow.Connect(counter.Number(), unlucky.In());
        flow.Connect(unlucky.Out(), sink.In());
        flow.Entry(counter.Start());

        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow.Build());
        var job = await worker.StartAsync(counter.Start(), 20);

        Assert.Equal(JobStatus.Failed, await job.Completion.Within());
        var error = Assert.IsType<RoutineFailedException>(job.Error);
        Assert.Equal("unlucky", error.RoutineId);
        Assert.Equal("In", error.SlotName);
        Assert.Equal("unlucky-flow", error.FlowId);
        Assert.Equal(job.Id, error.JobId);
        Assert.Contains("'unlucky'", error.Message, StringComparison.Ordinal);
        Assert.Contains("slot 'In'", error.Message, StringComparison.Ordinal);
        Assert.Contains("13 is unlucky", error.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.DoesNotContain(13, received);
        Assert.DoesNotContain(19, received);
        Assert.Equal(1, worker.JobsFailed);
    }

    [Fact]
    public async Task A_failed_job_leaves_other_jobs_of_the_worker_running()
    {
        var received = new ConcurrentQueue<int>();
        var flow = new FlowBuilder("isolation");
        var unlucky = flow.Add<Unlucky>("unlucky");
        var sink = flow.Add("sink", () => new Sink<int>(received));
        flow.Connect(unlucky.Out(), sink.In());
        flow.Entry(unlucky.In());

        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow.Build());
        var bad = await worker.StartAsync(unlucky.In(), 13);
        var good = await worker.StartAsync(unlucky.In(), 12);

        Assert.Equal(JobStatus.Failed, await bad.Completion.Within());
        Assert.Equal(JobStatus.Completed, await good.Completion.Within());
        Assert.Equal(new[] { 12 }, received);
    }

    [Fact]
    public async Task Cancelling_a_job_cancels_its_handlers_token_and_ends_it_cancelled()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var received = new ConcurrentQueue<string>();
        var (flow, gateEntry) = GateFlow(release, entered, received);

        await using var runtime = new Runtime();
        var job = await runtime.CreateWorker(flow).StartAsync(gateEntry, "never");
        await entered.Task.Within();

        job.Cancel("the user changed their mind");

        Assert.Equal(JobStatus.Cancelled, await job.Completion.Within());
        Assert.Equal("the user changed their mind", job.CancellationReason);
        Assert.True(job.CancellationToken.IsCancellationRequested);
        Assert.Null(job.Error);
        Assert.Empty(received);
    }

    [Fact]
    public async Task The_callers_token_cancels_the_job()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (flow, gateEntry) = GateFlow(release, entered, new ConcurrentQueue<string>());
        using var cts = new CancellationTokenSource();

        await using var runtime = new Runtime();
        var job = await runtime.CreateWorker(flow).StartAsync(gateEntry, "x", cts.Token);
        await entered.Task.Within();
        await cts.CancelAsync();

        Assert.Equal(JobStatus.Cancelled, await job.Completion.Within());
    }

    [Fact]
    public async Task Cancelling_the_worker_cancels_its_jobs_and_refuses_new_ones()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (flow, gateEntry) = GateFlow(release, entered, new ConcurrentQueue<string>());
        using var cts = new CancellationTokenSource();

        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow, new WorkerOptions { Id = "w1" }, cts.Token);
        var job = await worker.StartAsync(gateEntry, "x");
        await entered.Task.Within();
        await cts.CancelAsync();

        Assert.Equal(JobStatus.Cancelled, await job.Completion.Within());
        Assert.True(worker.IsCancelled);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(async () => await worker.StartAsync(gateEntry, "y"));
        Assert.Contains("w1", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disposing_the_runtime_cancels_running_jobs_and_refuses_new_work()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (flow, gateEntry) = GateFlow(release, entered, new ConcurrentQueue<string>());

        var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow);
        var job = await worker.StartAsync(gateEntry, "x");
        await entered.Task.Within();

        await runtime.DisposeAsync().AsTask().Within();

        Assert.True(job.Completion.IsCompleted, "disposal waits until no handler runs");
        Assert.Equal(JobStatus.Cancelled, job.Status);
        var error = await Assert.ThrowsAsync<ObjectDisposedException>(async () => await worker.StartAsync(gateEntry, "y"));
        Assert.Contains("disposed", error.Message, StringComparison.Ordinal);
        Assert.Throws<ObjectDisposedException>(() => runtime.CreateWorker(flow));
        await runtime.DisposeAsync();
    }

    [Fact]
    public async Task Draining_the_runtime_lets_running_jobs_finish()
    {
        var received = new ConcurrentQueue<int>();
        var flow = new FlowBuilder("drain");
        var counter = flow.Add<Counter>("counter");
        var sink = flow.Add("sink", () => new Sink<int>(received));
        flow.Connect(counter.Number(), sink.In());
        flow.Entry(counter.Start());

        var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow.Build());
        var jobs = new List<Job>();
        for (var i = 0; i < 5; i++)
        {
            jobs.Add(await worker.StartAsync(counter.Start(), 200));
        }

        await runtime.DrainAsync().Within();
        runtime.Dispose();

        Assert.All(jobs, j => Assert.Equal(JobStatus.Completed, j.Status));
        Assert.Equal(1000, received.Count);
    }

    [Fact]
    public async Task A_jobs_token_asked_for_only_after_the_job_stopped_is_already_cancelled()
    {
        var (flow, _) = GateFlow(new TaskCompletionSource(), new TaskCompletionSource(), new ConcurrentQueue<string>());

        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow);
        var open = worker.OpenJob();
        open.Cancel("before anyone asked");
        var failed = worker.OpenJob();
        failed.Fail(new InvalidOperationException("planned"));

        // Nobody asked either job for its token before it stopped; the token made now must not look live.
        Assert.True(open.CancellationToken.IsCancellationRequested);
        Assert.True(failed.CancellationToken.IsCancellationRequested);
        Assert.Equal(open.CancellationToken, open.CancellationToken);
        Assert.Equal(JobStatus.Cancelled, await open.Completion.Within());
        Assert.Equal(JobStatus.Failed, await failed.Completion.Within());
    }

    [Fact]
    public async Task Jobs_opened_while_the_worker_is_being_cancelled_all_end_cancelled_or_are_refused()
    {
        var (flow, _) = GateFlow(new TaskCompletionSource(), new TaskCompletionSource(), new ConcurrentQueue<string>());
        var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow);
        var opened = new ConcurrentQueue<Job>();
        var openedCount = 0;
        using var go = new ManualResetEventSlim();

        // Threads open jobs as fast as they can while the worker is cancelled under them: every job that got in must
        // end cancelled (through its registration with the worker's token, which cancels a job at once when it
        // registers after the worker was cancelled) and none may stay listed as active.
        var openers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            go.Wait();
            while (true)
            {
                try
                {
                    opened.Enqueue(worker.OpenJob());
                    Interlocked.Increment(ref openedCount);
                }
                catch (InvalidOperationException)
                {
                    return;
                }
            }
        })).ToArray();
        go.Set();
        // An interlocked counter, not the queue's Count: asked in a tight loop, Count slows the enqueuing threads down.
        while (Volatile.Read(ref openedCount) < 100)
        {
            await Task.Yield();
        }

        worker.Cancel("closing down");
        await Task.WhenAll(openers).Within();

        var statuses = await Task.WhenAll(opened.Select(job => job.Completion)).Within();
        Assert.All(statuses, status => Assert.Equal(JobStatus.Cancelled, status));
        Assert.Contains(opened, job => job.CancellationReason == "The worker was cancelled.");
        Assert.Empty(worker.ActiveJobs);

        // Outside a using: disposal waits for the jobs, and must fail the test rather than hang it if one lives on.
        await runtime.DisposeAsync().AsTask().Within();
    }

    [Fact]
    public async Task A_job_started_with_a_token_already_cancelled_ends_cancelled_and_leaves_the_worker_idle()
    {
        var received = new ConcurrentQueue<string>();
        var (flow, gateEntry) = GateFlow(new TaskCompletionSource(), new TaskCompletionSource(), received);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        // Disposed at the end rather than by a using: disposal waits for the worker's jobs, and a job left listed
        // must fail the test, not hang it.
        var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow);
        var job = await worker.StartAsync(gateEntry, "never", cancelled.Token);

        // The token's callback runs as the job begins; the job must already be among the active ones by then, or it
        // finishes before it is added and stays listed for ever (and the worker never looks idle again).
        Assert.Equal(JobStatus.Cancelled, await job.Completion.Within());
        var ran = await worker.RunAsync(gateEntry, "never either", cancelled.Token).AsTask().Within();
        Assert.Equal(JobStatus.Cancelled, ran.Status);
        Assert.Empty(worker.ActiveJobs);
        Assert.Equal(WorkerStatus.Idle, worker.Status);
        Assert.Empty(received);
        await runtime.DisposeAsync().AsTask().Within();
    }

    [Fact]
    public async Task A_job_refused_for_a_duplicate_id_leaves_the_running_job_with_that_id_alone()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var received = new ConcurrentQueue<string>();
        var (flow, gateEntry) = GateFlow(release, entered, received);

        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow);
        var running = await worker.StartAsync(gateEntry, "first", new JobOptions { Id = "order-42" });
        await entered.Task.Within();

        var refused = await Assert.ThrowsAsync<ArgumentException>(async () => await worker.StartAsync(gateEntry, "second", new JobOptions { Id = "order-42" }));
        Assert.Contains("order-42", refused.Message, StringComparison.Ordinal);

        Assert.Same(running, Assert.Single(worker.ActiveJobs));
        release.SetResult();
        Assert.Equal(JobStatus.Completed, await running.Completion.Within());
        Assert.Equal(new[] { "first" }, received);
        Assert.Empty(worker.ActiveJobs);
    }

    private static (Flow Flow, SlotPort<string> Entry) GateFlow(TaskCompletionSource release, TaskCompletionSource entered, ConcurrentQueue<string> received)
    {
        var flow = new FlowBuilder("gated");
        var gate = flow.Add("gate", () => new Gate(release, entered));
        var sink = flow.Add("sink", () => new Sink<string>(received));
        flow.Connect(gate.Out(), sink.In());
        flow.Entry(gate.In());
        return (flow.Build(), gate.In());
    }
}
