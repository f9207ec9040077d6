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
}
