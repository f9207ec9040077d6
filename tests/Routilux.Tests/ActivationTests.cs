using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using Routilux.Tests.Routines;

namespace Routilux.Tests;

public class ActivationTests
{
    [Fact]
    public async Task A_join_runs_only_when_both_slots_have_data_once_per_pair_in_order()
    {
        var pairs = new ConcurrentQueue<string>();
        var flow = new FlowBuilder("join");
        var pairer = flow.Add("pairer", () => new Pairer(pairs));
        flow.Entry(pairer.Left()).Entry(pairer.Right());

        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow.Build());
        var job = worker.OpenJob();
        await job.PostAsync(pairer.Left(), 1);
        await job.PostAsync(pairer.Left(), 2);
        // Both lefts are out of the queue and the routine has ended its turn: they wait in the join, unpaired.
        worker.WaitUntilIdleWithQueued("pairer", "Left", 0);
        Assert.Empty(pairs);

        await job.PostAsync(pairer.Right(), "a");
        Eventually.True(() => pairs.Count == 1, "the first pair ran");
        await job.PostAsync(pairer.Right(), "b");
        await job.PostAsync(pairer.Left(), 3);
        Eventually.True(() => pairs.Count == 2, "the second pair ran");
        // The third left waits in the join, with no right to pair it, before the input completes.
        worker.WaitUntilIdleWithQueued("pairer", "Left", 0);
        Assert.Equal(2, pairs.Count);

        job.CompleteInput();
        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        Assert.Equal(new[] { "1a", "2b" }, pairs);
        Assert.Equal(1, job.DroppedMessages);
        Assert.Equal(1, job.DropsBySlot["pairer.Left"]);
        Assert.Contains(job.TraceLog, t => t.Message.Contains("unpaired", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_join_never_pairs_messages_of_different_jobs()
    {
        var pairs = new ConcurrentQueue<string>();
        var flow = new FlowBuilder("join-jobs");
        var pairer = flow.Add("pairer", () => new Pairer(pairs));
        flow.Entry(pairer.Left()).Entry(pairer.Right());

        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow.Build());
        var first = worker.OpenJob();
        var second = worker.OpenJob();
        await first.PostAsync(pairer.Left(), 1);
        await second.PostAsync(pairer.Right(), "x");
        await second.PostAsync(pairer.Left(), 2);
        await first.PostAsync(pairer.Right(), "y");
        first.CompleteInput();
        second.CompleteInput();

        Assert.Equal(JobStatus.Completed, await first.Completion.Within());
        Assert.Equal(JobStatus.Completed, await second.Completion.Within());
        Assert.Equal(new[] { "1y", "2x" }, pairs.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Batch_of_three_gives_3_3_1_with_the_last_after_the_maximum_wait()
    {
        var clock = new FakeTimeProvider();
        var batches = new ConcurrentQueue<int[]>();
        var flow = new FlowBuilder("batch-wait");
        var batcher = flow.Add("batcher", () => new Batcher(batches));
        flow.Entry(batcher.Items());

        await using var runtime = new Runtime(new RuntimeOptions { TimeProvider = clock });
        var worker = runtime.CreateWorker(flow.Build());
        var job = worker.OpenJob();
        for (var i = 1; i <= 7; i++)
        {
            await job.PostAsync(batcher.Items(), i);
        }

        Eventually.True(() => batches.Count == 2, "two full batches ran");
        // Out of the queue is not yet buffered: wait for the routine to end its turn too, so that the seventh message's
        // timer is armed before the fake clock moves (armed after, it would count from a later moment).
        worker.WaitUntilIdleWithQueued("batcher", "Items", 0);
        clock.Advance(TimeSpan.FromMilliseconds(199));
        // A timer due by now fired inside Advance and scheduled the routine; idle again, it has run whatever that asked for.
        worker.WaitUntilIdle("batcher");
        Assert.Equal(2, batches.Count);
        Assert.Equal(JobStatus.Running, job.Status);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Eventually.True(() => batches.Count == 3, "the partial batch ran after 200 ms");
        job.CompleteInput();

        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        Assert.Equal(new[] { new[] { 1, 2, 3 }, new[] { 4, 5, 6 }, new[] { 7 } }, batches);
    }

    [Fact]
    public async Task Batch_delivers_the_partial_batch_when_the_job_ends_and_completes_only_after_it()
    {
        var batches = new ConcurrentQueue<int[]>();
        var flow = new FlowBuilder("batch-end");
        var counter = flow.Add<Counter>("counter");
        var batcher = flow.Add("batcher", () => new Batcher(batches));
        flow.Connect(counter.Number(), batcher.Items());
        flow.Entry(counter.Start());

        // A real clock: the 200 ms wait never has to pass, because the job's end releases the partial batch.
        await using var runtime = new Runtime();
        var job = await runtime.CreateWorker(flow.Build()).StartAsync(counter.Start(), 7);

        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        Assert.Equal(new[] { new[] { 0, 1, 2 }, new[] { 3, 4, 5 }, new[] { 6 } }, batches);
    }

    [Fact]
    public async Task Interval_runs_at_most_once_per_period_with_what_arrived_since()
    {
        var clock = new FakeTimeProvider();
        var runs = new ConcurrentQueue<int[]>();
        var flow = new FlowBuilder("interval");
        var throttled = flow.Add("throttled", () => new Throttled(runs));
        flow.Entry(throttled.Items());

        await using var runtime = new Runtime(new RuntimeOptions { TimeProvider = clock });
        var worker = runtime.CreateWorker(flow.Build());
        var job = worker.OpenJob();
        await job.PostAsync(throttled.Items(), 1);
        Eventually.True(() => runs.Count == 1, "the first message ran at once");
        await job.PostAsync(throttled.Items(), 2);
        await job.PostAsync(throttled.Items(), 3);
        job.CompleteInput();
        // Wait for the routine to go idle, not just for its queue to empty: a message leaves the queue before it is
        // buffered and the interval's timer re-armed. Advancing the fake clock in between could re-arm the timer
        // for a moment that the clock has already passed, and it would never fire.
        worker.WaitUntilIdleWithQueued("throttled", "Items", 0);

        clock.Advance(TimeSpan.FromMilliseconds(999));
        // A timer due by now fired inside Advance and scheduled the routine; idle again, it has run whatever that asked for.
        worker.WaitUntilIdle("throttled");
        Assert.Single(runs);
        Assert.Equal(JobStatus.Running, job.Status);
        clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        Assert.Equal(new[] { new[] { 1 }, new[] { 2, 3 } }, runs);
    }

    [Fact]
    public async Task Custom_runs_when_its_predicate_says_so_and_with_the_rest_at_the_job_end()
    {
        var runs = new ConcurrentQueue<int[]>();
        var flow = new FlowBuilder("custom");
        var byThree = flow.Add("by-three", () => new ByThree(runs));
        flow.Entry(byThree.Items());

        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow.Build());
        var job = worker.OpenJob();
        await job.PostAsync(byThree.Items(), 1);
        await job.PostAsync(byThree.Items(), 2);
        // Both are buffered and the routine has ended its turn: its predicate said no.
        worker.WaitUntilIdleWithQueued("by-three", "Items", 0);
        Assert.Empty(runs);
        await job.PostAsync(byThree.Items(), 3);
        Eventually.True(() => runs.Count == 1, "three were buffered");
        await job.PostAsync(byThree.Items(), 4);
        job.CompleteInput();

        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        Assert.Equal(new[] { new[] { 1, 2, 3 }, new[] { 4 } }, runs);
    }

    [Fact]
    public async Task A_cancelled_job_drops_its_buffered_messages_and_finishes()
    {
        var batches = new ConcurrentQueue<int[]>();
        var flow = new FlowBuilder("batch-cancel");
        var batcher = flow.Add("batcher", () => new Batcher(batches));
        flow.Entry(batcher.Items());

        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow.Build());
        var job = worker.OpenJob();
        await job.PostAsync(batcher.Items(), 1);
        Eventually.True(() => worker.GetQueueState("batcher", "Items").Length == 0, "the message is buffered");

        job.Cancel("enough");

        Assert.Equal(JobStatus.Cancelled, await job.Completion.Within());
        Assert.Empty(batches);
    }

    [Fact]
    public async Task The_routines_own_OnError_attribute_wins_over_the_flow_and_loses_to_the_builder()
    {
        var received = new ConcurrentQueue<int>();
        var flow = new FlowBuilder("attribute-policy");
        var thrower = flow.Add<SkippingThrower>("thrower");
        var sink = flow.Add("sink", () => new Sink<int>(received));
        flow.Connect(thrower.Out(), sink.In());
        flow.Entry(thrower.In());
        flow.OnError(ErrorPolicy.Continue);

        await using var runtime = new Runtime();
        var job = await runtime.CreateWorker(flow.Build()).StartAsync(thrower.In(), 1);
        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        Assert.Equal(ErrorStrategy.Skip, Assert.Single(job.Errors).Strategy);
        Assert.Empty(received);

        flow.OnError(thrower, ErrorPolicy.Stop);
        var stopped = await runtime.CreateWorker(flow.Build()).StartAsync(thrower.In(), 2);
        Assert.Equal(JobStatus.Failed, await stopped.Completion.Within());
    }

    [Fact]
    public void Bad_literal_settings_in_attributes_are_rejected_at_build_time_naming_the_routine()
    {
        var flow = new FlowBuilder("bad-attributes");
        var retry = flow.Add<BadRetry>("retry");
        var batch = flow.Add<BadBatch>("batch");
        flow.Entry(retry.In()).Entry(batch.In());

        var error = Assert.Throws<FlowValidationException>(flow.Build);

        Assert.Contains(error.Problems, p => p.Contains("Routine 'retry'", StringComparison.Ordinal) && p.Contains("-2 retries", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("routine 'batch'", StringComparison.Ordinal) && p.Contains("batch size of 0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_slots_WhenFull_attribute_sets_its_queue_policy()
    {
        var received = new ConcurrentQueue<int>();
        var flow = new FlowBuilder("when-full");
        var small = flow.Add("small", () => new SmallDropNewest(received));
        flow.Entry(small.In());

        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow.Build());
        worker.Pause();
        var job = worker.OpenJob();
        for (var i = 0; i < 5; i++)
        {
            await job.PostAsync(small.In(), i);
        }

        job.CompleteInput();
        worker.Resume();

        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        Assert.Equal(new[] { 0, 1 }, received);
        Assert.Equal(3, job.DroppedMessages);
        Assert.Equal(QueueFullPolicy.DropNewest, worker.GetQueueState("small", "In").Policy);
    }
}
