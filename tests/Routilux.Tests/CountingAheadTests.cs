using System.Collections.Concurrent;
using Routilux.Tests.Routines;

namespace Routilux.Tests;

/// <summary>
/// A handler that emits many messages counts them into its job ahead, in chunks, and gives back what it did not use
/// when its message ends (RoutineCell.CountEmit). Whatever happens to the emits (queued, waiting for room, dropped, a
/// failure after them), the job's count must come out exact: the job completes, and only once all is done.
/// </summary>
public class CountingAheadTests
{
    [Fact]
    public async Task Producers_waiting_for_room_in_a_narrow_queue_deliver_everything_and_the_job_completes()
    {
        var flow = new FlowBuilder("narrow-fan-in");
        var sink = flow.Add<NarrowSink>("sink");
        var starts = new List<SlotPort<int>>();
        for (var p = 0; p < 4; p++)
        {
            var producer = flow.Add<ManyEmitter>($"producer{p}");
            flow.Connect(producer.Number(), sink.In());
            flow.Entry(producer.Start());
            starts.Add(producer.Start());
        }

        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow.Build());
        var job = worker.OpenJob();
        foreach (var start in starts)
        {
            await job.PostAsync(start, 2_000);
        }

        job.CompleteInput();
        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        var received = (NarrowSink)worker.GetRoutine("sink");
        Assert.Equal(8_000, received.Count);
        Assert.Equal(4L * (1_999 * 2_000 / 2), received.Sum);
    }

    [Fact]
    public async Task Emits_dropped_by_a_full_queue_are_counted_out_and_the_job_completes()
    {
        var received = new ConcurrentQueue<int>();
        var flow = new FlowBuilder("dropping");
        var producer = flow.Add<BurstProducer>("producer");
        var sink = flow.Add("sink", () => new DroppingSink(received));
        flow.Connect(producer.Number(), sink.In());
        flow.Entry(producer.Start());

        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow.Build());
        var job = await worker.StartAsync(producer.Start(), 1_000);
        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        Assert.Equal(1_000, received.Count + job.DroppedMessages);
        Assert.True(job.DroppedMessages > 0, "A queue of 2 places took 1,000 messages from one run without dropping any.");
    }

    [Fact]
    public async Task A_handler_that_fails_after_many_emits_fails_its_job_which_still_finishes()
    {
        var flow = new FlowBuilder("emit-then-fail");
        var producer = flow.Add<ManyEmitter>("producer");
        var sink = flow.Add<NarrowSink>("sink");
        flow.Connect(producer.Number(), sink.In());
        flow.Entry(producer.StartThenThrow()).Entry(producer.Start());

        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow.Build());
        var job = await worker.StartAsync(producer.StartThenThrow(), 100);
        Assert.Equal(JobStatus.Failed, await job.Completion.Within());
        Assert.Contains("failed after 100 emits", job.Error!.ToString(), StringComparison.Ordinal);

        // The worker goes on: a later job's count is not thrown off by the failed one's.
        var next = await worker.StartAsync(producer.Start(), 100);
        Assert.Equal(JobStatus.Completed, await next.Completion.Within());
    }
}
