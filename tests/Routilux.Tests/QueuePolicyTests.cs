using System.Collections.Concurrent;
using Routilux.Tests.Routines;

namespace Routilux.Tests;

public class QueuePolicyTests
{
    [Fact]
    public async Task Fail_fails_the_job_with_an_error_naming_the_slot_and_its_capacity()
    {
        var probe = new BackpressureProbe();
        var flow = new FlowBuilder("fail-when-full");
        var producer = flow.Add<BurstProducer>("producer");
        var consumer = flow.Add("consumer", () => new SlowConsumer(probe));
        flow.Connect(producer.Number(), consumer.In());
        flow.SetCapacity(consumer.In(), 2).SetQueuePolicy(consumer.In(), QueueFullPolicy.Fail);
        flow.Entry(producer.Start());

        await using var runtime = new Runtime();
        var job = await runtime.CreateWorker(flow.Build()).StartAsync(producer.Start(), 50);

        Assert.Equal(JobStatus.Failed, await job.Completion.Within());
        var error = Assert.IsType<QueueFullException>(job.Error);
        Assert.Equal(("consumer", "In", 2), (error.RoutineId, error.SlotName, error.Capacity));
        Assert.Contains("'consumer.In'", error.Message, StringComparison.Ordinal);
        Assert.Contains("full (2 messages)", error.Message, StringComparison.Ordinal);
        Assert.True(probe.Received.Count < 50);
    }

    [Fact]
    public async Task DropOldest_keeps_the_newest_messages_and_counts_the_drops()
    {
        var received = new ConcurrentQueue<int>();
        var (worker, entry) = PausedBag(received, QueueFullPolicy.DropOldest);
        var job = worker.OpenJob();
        for (var i = 0; i < 10; i++)
        {
            await job.PostAsync(entry, i);
        }

        Assert.Equal(6, job.DroppedMessages);
        var state = worker.GetQueueState("bag", "In");
        Assert.Equal((4, 4, PressureLevel.Critical, 6L), (state.Length, state.Capacity, state.Pressure, state.Dropped));

        job.CompleteInput();
        worker.Resume();

        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        Assert.Equal(new[] { 6, 7, 8, 9 }, received);
        Assert.Equal(6, job.DropsBySlot["bag.In"]);
        await worker.Runtime.DisposeAsync();
    }

    [Fact]
    public async Task DropNewest_keeps_the_first_messages_and_counts_the_drops()
    {
        var received = new ConcurrentQueue<int>();
        var (worker, entry) = PausedBag(received, QueueFullPolicy.DropNewest);
        var job = worker.OpenJob();
        for (var i = 0; i < 10; i++)
        {
            await job.PostAsync(entry, i);
        }

        job.CompleteInput();
        worker.Resume();

        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        Assert.Equal(new[] { 0, 1, 2, 3 }, received);
        Assert.Equal(6, job.DroppedMessages);
        await worker.Runtime.DisposeAsync();
    }

    [Fact]
    public void Pressure_levels_follow_how_full_a_queue_is()
    {
        Assert.Equal(PressureLevel.Low, QueueState.LevelOf(4, 10));
        Assert.Equal(PressureLevel.Medium, QueueState.LevelOf(5, 10));
        Assert.Equal(PressureLevel.High, QueueState.LevelOf(8, 10));
        Assert.Equal(PressureLevel.Critical, QueueState.LevelOf(10, 10));
    }

    private static (Worker Worker, SlotPort<int> Entry) PausedBag(ConcurrentQueue<int> received, QueueFullPolicy policy)
    {
        var flow = new FlowBuilder("drops");
        var bag = flow.Add("bag", () => new Bag(received));
        flow.SetQueuePolicy(bag.In(), policy);
        flow.Entry(bag.In());
        var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow.Build());
        worker.Pause("fill the queue first");
        return (worker, bag.In());
    }
}
