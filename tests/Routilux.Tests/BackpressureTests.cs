using System.Collections.Concurrent;
using System.Reflection;
using Routilux.Execution;
using Routilux.Tests.Routines;

namespace Routilux.Tests;

public class BackpressureTests
{
    [Fact]
    public async Task A_slow_consumer_with_capacity_four_makes_an_async_producer_wait_and_loses_nothing()
    {
        const int Count = 60;
        var probe = new BackpressureProbe();
        var flow = new FlowBuilder("backpressure");
        var producer = flow.Add("producer", () => new FastProducer(probe));
        var consumer = flow.Add("consumer", () => new SlowConsumer(probe));
        flow.Connect(producer.Number(), consumer.In());
        flow.Entry(producer.Start());

        await using var runtime = new Runtime();
        var job = await runtime.CreateWorker(flow.Build()).StartAsync(producer.Start(), Count);

        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        Assert.Equal(Enumerable.Range(0, Count), probe.Received);

        // Unthrottled, the producer would finish its loop before the consumer's first 1 ms delay ended. It could
        // only finish once all but the queue's 4 places (plus the message in hand) had been handled.
        Assert.True(probe.ProducerFinishedAt >= Count - 5, $"the producer finished when the consumer had handled {probe.ProducerFinishedAt}");
    }

    [Fact]
    public async Task A_burst_from_a_sync_handler_waits_in_the_outbox_and_every_message_arrives_in_order()
    {
        const int Count = 200;
        var probe = new BackpressureProbe();
        var flow = new FlowBuilder("burst");
        var producer = flow.Add<BurstProducer>("producer");
        var consumer = flow.Add("consumer", () => new SlowConsumer(probe));
        flow.Connect(producer.Number(), consumer.In());
        flow.SetCapacity(consumer.In(), 2);
        flow.Entry(producer.Start());

        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow.Build());
        var first = await worker.StartAsync(producer.Start(), Count);
        var second = await worker.StartAsync(producer.Start(), Count);

        Assert.Equal(JobStatus.Completed, await first.Completion.Within());
        Assert.Equal(JobStatus.Completed, await second.Completion.Within());
        Assert.Equal(2 * Count, probe.Received.Count);
        Assert.Equal(Enumerable.Range(0, Count).Concat(Enumerable.Range(0, Count)), probe.Received);
    }

    [Theory]
    [InlineData("async emit", "_emitWaiter")]
    [InlineData("outbox after the handler", "_deliveryWaiter")]
    public async Task A_wait_for_room_cancelled_by_another_jobs_stop_is_taken_up_again_and_loses_nothing(string path, string waiterField)
    {
        // A job's stop cancels the waits of cells whose message in hand belongs to it; a cell that moved on to another
        // job's message in the meantime gets that cancellation too. Simulated here by cancelling the wait directly.
        const int Count = 10;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var received = new ConcurrentQueue<int>();
        var flow = new FlowBuilder("stale-stop");
        var sink = flow.Add("sink", () => new HeldSink(release, received));
        SlotPort<int> start;
        if (path == "async emit")
        {
            var producer = flow.Add("producer", () => new FastProducer(new BackpressureProbe()));
            flow.Connect(producer.Number(), sink.In());
            start = producer.Start();
        }
        else
        {
            var producer = flow.Add<BurstProducer>("producer");
            flow.Connect(producer.Number(), sink.In());
            start = producer.Start();
        }

        flow.Entry(start);
        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow.Build());
        var job = await worker.StartAsync(start, Count);

        // One message in the sink's hand, two queued, and the producer waiting for room.
        var waiter = (SpaceWaiter)typeof(RoutineCell).GetField(waiterField, BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(worker.Cell(1))!;
        var armed = typeof(SpaceWaiter).GetField("_armed", BindingFlags.NonPublic | BindingFlags.Instance)!;
        Eventually.True(() => (int)armed.GetValue(waiter)! == 1, $"the producer waits for room ({path})");
        waiter.Cancel();
        release.SetResult();

        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        Assert.Equal(Enumerable.Range(0, Count), received);
    }

    [Fact]
    public async Task Posting_into_a_full_entry_queue_waits_for_room()
    {
        var probe = new BackpressureProbe();
        var flow = new FlowBuilder("full-entry");
        var consumer = flow.Add("consumer", () => new SlowConsumer(probe));
        flow.Entry(consumer.In());

        await using var runtime = new Runtime();
        var job = runtime.CreateWorker(flow.Build()).OpenJob();
        for (var i = 0; i < 30; i++)
        {
            await job.PostAsync(consumer.In(), i).AsTask().Within();
        }

        job.CompleteInput();
        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        Assert.Equal(Enumerable.Range(0, 30), probe.Received);
    }

    [Fact]
    public async Task Four_producers_into_one_small_queue_lose_nothing_and_keep_each_ones_order()
    {
        // Four producers, each its own job on the pool, into one slot of capacity 8: they run the sink inline when it
        // is idle and queue (or wait for room) when it is not. Every message arrives once and each one's order holds.
        const int Producers = 4;
        const int Count = 20_000;
        var received = new ConcurrentQueue<int>();
        var flow = new FlowBuilder("fan-in");
        var sink = flow.Add("sink", () => new Sink<int>(received));
        flow.SetCapacity(sink.In(), 8);
        var starts = new List<SlotPort<int>>();
        for (var p = 0; p < Producers; p++)
        {
            var tag = p;
            var producer = flow.Add($"producer{p}", () => new TaggedProducer(tag));
            flow.Connect(producer.Number(), sink.In());
            flow.Entry(producer.Start());
            starts.Add(producer.Start());
        }

        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow.Build());
        var jobs = new List<Job>();
        foreach (var start in starts)
        {
            jobs.Add(await worker.StartAsync(start, Count));
        }

        foreach (var job in jobs)
        {
            Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        }

        AssertEachTagComplete(received, Producers, Count);
    }

    [Fact]
    public async Task Threads_posting_at_once_into_one_entry_queue_lose_nothing_and_keep_each_ones_order()
    {
        // Four plain threads post into one job's entry slot at the same time: true concurrent producers on the
        // queue's producer lock, against a consumer that takes without it. Capacity 16 makes them wait for room too.
        const int Threads = 4;
        const int Count = 50_000;
        var received = new ConcurrentQueue<int>();
        var flow = new FlowBuilder("posting");
        var sink = flow.Add("sink", () => new Sink<int>(received));
        flow.SetCapacity(sink.In(), 16);
        flow.Entry(sink.In());
        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow.Build());
        var job = worker.OpenJob();

        using var go = new Barrier(Threads);
        var posters = Enumerable.Range(0, Threads).Select(tag => new Thread(() =>
        {
            go.SignalAndWait();
            for (var i = 0; i < Count; i++)
            {
                job.PostAsync(sink.In(), (tag * 1_000_000) + i).AsTask().GetAwaiter().GetResult();
            }
        })
        {
            // A broken queue must fail this test, not keep the test host alive.
            IsBackground = true,
        }).ToList();
        posters.ForEach(t => t.Start());
        Assert.All(posters, t => Assert.True(t.Join(TestTimeouts.Generous), "A posting thread never got its messages in."));
        job.CompleteInput();

        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        AssertEachTagComplete(received, Threads, Count);
    }

    /// <summary>
    /// Every one of <paramref name="tags"/> senders' <paramref name="count"/> values (tag * 1,000,000 + i) arrived,
    /// once each and in each sender's order.
    /// </summary>
    private static void AssertEachTagComplete(ConcurrentQueue<int> received, int tags, int count)
    {
        var all = received.ToArray();
        Assert.Equal(tags * count, all.Length);
        for (var tag = 0; tag < tags; tag++)
        {
            var mine = tag;
            Assert.Equal(Enumerable.Range(mine * 1_000_000, count), all.Where(v => v / 1_000_000 == mine));
        }
    }
}
