using System.Collections.Concurrent;
using Routilux.Tests.Routines;

namespace Routilux.Tests;

/// <summary>
/// A job that stops while its worker is paused: no handler runs, its queued messages are dropped at once, and the
/// job completes, so nothing waiting for it (its completion, the runtime's disposal) waits for a resume.
/// </summary>
public class StoppedWhilePausedTests
{
    [Fact]
    public async Task Cancelling_a_job_while_the_worker_is_paused_drops_its_queued_messages_and_completes_it()
    {
        var received = new ConcurrentQueue<int>();
        var (worker, entry, runtime) = PausedChain(received);
        try
        {
            var job = await worker.PostJobAsync(entry, Enumerable.Range(0, 10));

            // The turns the posts scheduled have ended (paused, they took nothing): the cells are idle when the job stops.
            worker.WaitUntilIdle("a");
            Assert.Equal(10, worker.GetQueueState("a", "In").Length);

            job.Cancel("not needed any more");

            // The job completes as soon as none of its handlers runs (issue 17, bug 6); its queued messages are still
            // dropped while the worker is paused, by a turn of their own.
            Assert.Equal(JobStatus.Cancelled, await job.Completion.Within());
            Eventually.True(() => worker.GetQueueState("a", "In").Length == 0, "the cancelled job's messages are dropped while paused");
            Assert.Equal(WorkerStatus.Paused, worker.Status);

            // Still paused for the jobs that go on; a resume runs them as usual.
            var next = await worker.PostJobAsync(entry, [100, 200]);
            worker.WaitUntilIdle("a");
            Assert.Equal(2, worker.GetQueueState("a", "In").Length);
            Assert.Empty(received);
            worker.Resume();
            Assert.Equal(JobStatus.Completed, await next.Completion.Within());
            Assert.Equal([101, 201], received);
        }
        finally
        {
            await runtime.DisposeWithin();
        }
    }

    [Fact]
    public async Task Disposing_the_runtime_while_a_worker_is_paused_cancels_its_jobs_and_returns()
    {
        var received = new ConcurrentQueue<int>();
        var (worker, entry, runtime) = PausedChain(received);
        var job = worker.OpenJob();
        foreach (var value in Enumerable.Range(0, 10))
        {
            await job.PostAsync(entry, value);
        }

        // The job's input is left open, and its messages wait in the paused worker's queue. The turns the posts
        // scheduled have ended: the cells are idle when the runtime goes.
        worker.WaitUntilIdle("a");
        Assert.Equal(10, worker.GetQueueState("a", "In").Length);

        await runtime.DisposeWithin();

        Assert.Equal(JobStatus.Cancelled, await job.Completion.Within());
        Assert.Empty(received);
    }

    [Fact]
    public async Task A_batch_held_for_a_pause_is_dropped_when_its_job_is_cancelled()
    {
        var runtime = new Runtime();
        try
        {
            var (worker, job, handledByB, received) = await PausingMidBatch.StartAsync(runtime, "cancel-paused-batch");
            Eventually.True(() => handledByB.Contains(3), "b handled 3 and paused the worker");
            var b = worker.CellOf("b");
            Eventually.True(() => b.HasBatchParkedForPause, "b keeps the rest of its batch in hand for the resume");
            Assert.Equal([1, 2, 3], handledByB);
            Assert.Equal(JobStatus.Running, job.Status);

            job.Cancel();

            // The rest of b's batch never runs, and what its first runs emitted is dropped with the job.
            Assert.Equal(JobStatus.Cancelled, await job.Completion.Within());
            Assert.Equal([1, 2, 3], handledByB);
            Assert.Empty(received);
            Assert.Equal(WorkerStatus.Paused, worker.Status);
        }
        finally
        {
            await runtime.DisposeWithin();
        }
    }

    [Fact]
    public async Task Cancelling_a_job_while_the_worker_is_paused_drops_what_it_buffered_for_an_activation()
    {
        var runs = new ConcurrentQueue<int[]>();
        var flow = new FlowBuilder("cancel-paused-buffered");
        var byThree = flow.Add("by-three", () => new ByThree(runs));
        flow.Entry(byThree.Items());
        var runtime = new Runtime();
        try
        {
            var worker = runtime.CreateWorker(flow.Build());
            var job = worker.OpenJob();
            await job.PostAsync(byThree.Items(), 1);
            await job.PostAsync(byThree.Items(), 2);
            // Both messages are buffered, waiting for a third, and the routine has ended its turn.
            worker.WaitUntilIdleWithQueued("by-three", "Items", 0);
            worker.Pause();
            await job.PostAsync(byThree.Items(), 3);
            // The turn the post scheduled has ended, the third message still queued: the cell is idle when the job stops.
            worker.WaitUntilIdle("by-three");
            Assert.Equal(1, worker.GetQueueState("by-three", "Items").Length);

            job.Cancel();

            // Completed as soon as none of its handlers runs (issue 17, bug 6); what it left is dropped while paused.
            Assert.Equal(JobStatus.Cancelled, await job.Completion.Within());
            Eventually.True(() => worker.GetQueueState("by-three", "Items").Length == 0, "the cancelled job's message is dropped while paused");
            Assert.Empty(runs);
        }
        finally
        {
            await runtime.DisposeWithin();
        }
    }

    /// <summary>a (adds one) -> sink, on a paused worker; the caller disposes the runtime (<see cref="TestTimeouts.DisposeWithin"/>).</summary>
    private static (Worker Worker, SlotPort<int> Entry, Runtime Runtime) PausedChain(ConcurrentQueue<int> received)
    {
        var flow = new FlowBuilder("paused-chain");
        var a = flow.Add<AddOne>("a");
        var sink = flow.Add("sink", () => new Sink<int>(received));
        flow.Connect(a.Out(), sink.In());
        flow.Entry(a.In());
        var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow.Build());
        worker.Pause();
        return (worker, a.In(), runtime);
    }
}
