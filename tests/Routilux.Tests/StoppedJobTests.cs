using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using Routilux.Tests.Routines;

namespace Routilux.Tests;

/// <summary>
/// Jobs stopped, refused or timed out while they start (issue 17, bugs 3-5): each is counted once, as what it became,
/// its Completion never comes before its handlers end, and the caller gets the job back instead of an exception.
/// </summary>
public class StoppedJobTests
{
    [Fact]
    public async Task RunAsync_a_job_cancelled_by_its_own_inline_handler_completes_after_the_handler_and_is_counted_once()
    {
        var seen = new ConcurrentQueue<bool>();
        var flow = new FlowBuilder("self-cancel");
        var canceller = flow.Add("canceller", () => new SelfCanceller(seen));
        flow.Entry(canceller.In());
        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow.Build());

        // Task.Run: no synchronization context, so the handler runs inline on this thread.
        var job = await Task.Run(async () => await worker.RunAsync(canceller.In(), 1)).Within();

        Assert.Equal(JobStatus.Cancelled, job.Status);
        Assert.Equal([false, false], seen);
        Assert.Equal(1, worker.JobsCancelled);
        Assert.Equal(0, worker.JobsCompleted);
        Assert.Empty(worker.ActiveJobs);
    }

    [Fact]
    public async Task StartAsync_refused_by_a_full_Fail_entry_queue_throws_and_counts_the_job_as_failed_not_completed()
    {
        var (runtime, worker, gate, release, entered) = await GateWithFullEntryQueue(QueueFullPolicy.Fail, TimeProvider.System);
        await using var _ = runtime;

        var refused = await Assert.ThrowsAsync<QueueFullException>(async () => await worker.StartAsync(gate, "refused"));
        Assert.Contains("gate", refused.Message, StringComparison.Ordinal);

        release.SetResult();
        WaitUntilIdle(worker);
        Assert.Equal(2, worker.JobsCompleted);
        Assert.Equal(1, worker.JobsFailed);
        Assert.Equal(0, worker.JobsCancelled);
        GC.KeepAlive(entered);
    }

    [Fact]
    public async Task A_job_whose_timeout_fires_while_StartAsync_waits_for_room_is_returned_failed()
    {
        var clock = new FakeTimeProvider();
        var (runtime, worker, gate, release, _) = await GateWithFullEntryQueue(QueueFullPolicy.Wait, clock);
        await using var __ = runtime;

        var starting = worker.StartAsync(gate, "late", new JobOptions { Timeout = TimeSpan.FromMilliseconds(100) }).AsTask();
        Assert.False(starting.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(150));

        var job = await starting.Within();
        Assert.Equal(JobStatus.Failed, job.Status);
        Assert.IsType<TimeoutException>(job.Error);
        Assert.Equal(JobStatus.Failed, await job.Completion.Within());

        release.SetResult();
        WaitUntilIdle(worker);
        Assert.Equal(2, worker.JobsCompleted);
        Assert.Equal(1, worker.JobsFailed);
    }

    [Fact]
    public async Task A_job_whose_timeout_fires_while_RunAsync_waits_for_room_is_returned_failed()
    {
        var clock = new FakeTimeProvider();
        var (runtime, worker, gate, release, _) = await GateWithFullEntryQueue(QueueFullPolicy.Wait, clock);
        await using var __ = runtime;

        var running = Task.Run(async () => await worker.RunAsync(gate, "late", new JobOptions { Timeout = TimeSpan.FromMilliseconds(100) }));
        Eventually.True(() => worker.ActiveJobs.Count == 3, "the third job waits for room");
        clock.Advance(TimeSpan.FromMilliseconds(150));

        var job = await running.Within();
        Assert.Equal(JobStatus.Failed, job.Status);
        Assert.IsType<TimeoutException>(job.Error);
        release.SetResult();
        WaitUntilIdle(worker);
        Assert.Equal(1, worker.JobsFailed);
    }

    /// <summary>
    /// gate -> sink with the gate's queue holding one message: job 1 is in the gate's handler (held until
    /// <c>release</c>), job 2 fills the queue, so the next post finds it full.
    /// </summary>
    private static async Task<(Runtime Runtime, Worker Worker, SlotPort<string> Gate, TaskCompletionSource Release, TaskCompletionSource Entered)> GateWithFullEntryQueue(
        QueueFullPolicy whenFull, TimeProvider clock)
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var flow = new FlowBuilder("gated");
        var gate = flow.Add("gate", () => new Gate(release, entered));
        var sink = flow.Add("sink", () => new Sink<string>(new ConcurrentQueue<string>()));
        flow.Connect(gate.Out(), sink.In());
        flow.Entry(gate.In());
        flow.SetCapacity(gate.In(), 1).SetQueuePolicy(gate.In(), whenFull);
        var runtime = new Runtime(new RuntimeOptions { TimeProvider = clock });
        var worker = runtime.CreateWorker(flow.Build());
        await worker.StartAsync(gate.In(), "first");
        await entered.Task.Within();
        await worker.StartAsync(gate.In(), "second");
        return (runtime, worker, gate.In(), release, entered);
    }

    private static void WaitUntilIdle(Worker worker) => Eventually.True(() => worker.ActiveJobs.Count == 0, "the worker has no active job");
}
