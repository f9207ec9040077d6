using System.Collections.Concurrent;
using Routilux.Tests.Routines;

namespace Routilux.Tests;

/// <summary>
/// Custom and join buffers filled with partial sets never deadlock (issue 17, bug 2): a custom buffer's room is per
/// job and a custom buffer full for its job runs; a join takes every message, so the end of the job still comes.
/// </summary>
public class BufferRoomTests
{
    [Fact]
    public async Task Two_jobs_filling_a_custom_buffer_with_partial_sets_both_complete()
    {
        var runs = new ConcurrentQueue<int[]>();
        var flow = new FlowBuilder("custom-room");
        var byThree = flow.Add("by-three", () => new ByThree(runs));
        flow.Entry(byThree.Items());
        flow.SetCapacity(byThree.Items(), 3);
        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow.Build());

        var a = worker.OpenJob();
        var b = worker.OpenJob();
        await a.PostAsync(byThree.Items(), 1);
        await a.PostAsync(byThree.Items(), 2);
        await b.PostAsync(byThree.Items(), 10);
        await a.PostAsync(byThree.Items(), 3);
        await b.PostAsync(byThree.Items(), 20);
        a.CompleteInput();
        b.CompleteInput();

        Assert.Equal(JobStatus.Completed, await a.Completion.Within());
        Assert.Equal(JobStatus.Completed, await b.Completion.Within());
        Assert.Contains(runs, run => run.SequenceEqual(new[] { 1, 2, 3 }));
        Assert.Contains(runs, run => run.SequenceEqual(new[] { 10, 20 }));
        Assert.Equal(2, runs.Count);
    }

    [Fact]
    public async Task A_custom_buffer_full_for_its_job_runs_although_its_predicate_wants_more()
    {
        var runs = new ConcurrentQueue<int[]>();
        var flow = new FlowBuilder("custom-full");
        var byThree = flow.Add("by-three", () => new ByThree(runs));
        flow.Entry(byThree.Items());
        flow.SetCapacity(byThree.Items(), 2);
        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow.Build());

        var job = worker.OpenJob();
        await job.PostAsync(byThree.Items(), 1);
        await job.PostAsync(byThree.Items(), 2);
        await job.PostAsync(byThree.Items(), 3);
        job.CompleteInput();

        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        Assert.Equal(new[] { new[] { 1, 2 }, new[] { 3 } }, runs);
    }

    [Fact]
    public async Task Two_jobs_crossing_on_a_join_of_capacity_one_both_pair()
    {
        var pairs = new ConcurrentQueue<string>();
        var flow = new FlowBuilder("join-room");
        var pairer = flow.Add("pairer", () => new Pairer(pairs));
        flow.Entry(pairer.Left()).Entry(pairer.Right());
        flow.SetCapacity(pairer.Left(), 1).SetCapacity(pairer.Right(), 1);
        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow.Build());

        var a = worker.OpenJob();
        var b = worker.OpenJob();
        await a.PostAsync(pairer.Left(), 1).AsTask().Within();
        await b.PostAsync(pairer.Right(), "b").AsTask().Within();
        await a.PostAsync(pairer.Right(), "a").AsTask().Within();
        await b.PostAsync(pairer.Left(), 2).AsTask().Within();
        a.CompleteInput();
        b.CompleteInput();

        Assert.Equal(JobStatus.Completed, await a.Completion.Within());
        Assert.Equal(JobStatus.Completed, await b.Completion.Within());
        Assert.Equal(["1a", "2b"], pairs.Order());
        Assert.Equal(0, a.DroppedMessages + b.DroppedMessages);
    }

    [Fact]
    public async Task A_job_that_overfills_one_side_of_a_join_ends_with_the_unpaired_messages_dropped()
    {
        var pairs = new ConcurrentQueue<string>();
        var flow = new FlowBuilder("join-overfill");
        var pairer = flow.Add("pairer", () => new Pairer(pairs));
        flow.Entry(pairer.Left()).Entry(pairer.Right());
        flow.SetCapacity(pairer.Left(), 1).SetCapacity(pairer.Right(), 1);
        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow.Build());

        var job = worker.OpenJob();
        await job.PostAsync(pairer.Left(), 1).AsTask().Within();
        await job.PostAsync(pairer.Left(), 2).AsTask().Within();
        job.CompleteInput();

        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        Assert.Empty(pairs);
        Assert.Equal(2, job.DroppedMessages);
    }
}
