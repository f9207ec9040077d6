using System.Runtime.CompilerServices;
using Routilux.Execution;
using Routilux.Tests.Routines;

namespace Routilux.Tests;

/// <summary>Where a stream's fused chain is cut across cores: decided once per worker from the flow's shape.</summary>
public class StreamSegmentsTests
{
    /// <summary>A linear chain of <paramref name="length"/> AddOne routines, r0 -> r1 -> ...</summary>
    private static Flow Chain(int length)
    {
        var flow = new FlowBuilder($"chain{length}");
        var previous = flow.Add<AddOne>("r0");
        flow.Entry(previous.In());
        for (var i = 1; i < length; i++)
        {
            var next = flow.Add<AddOne>($"r{i}");
            flow.Connect(previous.Out(), next.In());
            previous = next;
        }

        return flow.Build();
    }

    private static string[] CutConnections(Flow flow, int processors)
    {
        var cuts = StreamSegments.Cuts(flow, processors);
        return flow.Connections.Where((_, i) => cuts[i]).Select(c => $"{c.Source.Id}->{c.Target.Id}").ToArray();
    }

    [Fact]
    public void An_eleven_routine_chain_on_two_cores_is_cut_once_with_the_first_segment_fed_one_by_one_the_shorter()
    {
        // Longest chains 11, 10, ..., 1, divided 1 + 10: the first segment runs the stream's source and is fed one
        // message at a time (each run reading the clock for the history), the second runs batches from its queue at
        // about 7 times less per routine (Tuning.FedOneByOneCost).
        Assert.Equal(["r0->r1"], CutConnections(Chain(11), processors: 2));
    }

    [Fact]
    public async Task A_producer_waiting_at_a_routine_inside_a_segment_resumes_only_once_the_backlog_is_gone()
    {
        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(Chain(11), new WorkerOptions { StreamProcessors = 2 });
        worker.Pause();
        var job = worker.OpenJob();

        // r2 is inside the second segment; r1 is fed through the cut and keeps the usual three-quarters mark.
        Assert.Equal(0, TakesBeforeProducerWakes((SlotQueue<int>)worker.Cell(2).Queue(0), job));
        Assert.Equal(SlotDescriptor.DefaultCapacity * 3 / 4, TakesBeforeProducerWakes((SlotQueue<int>)worker.Cell(1).Queue(0), job));

        job.CompleteInput();
        worker.Resume();
        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
    }

    /// <summary>
    /// Fills <paramref name="queue"/> (its routine paused), registers a waiting producer, then takes messages until
    /// the producer is woken; returns how many were left in the queue then. Leaves the queue empty.
    /// </summary>
    private static int TakesBeforeProducerWakes(SlotQueue<int> queue, Job job)
    {
        var waiter = new SpaceWaiter();
        for (var i = 0; ; i++)
        {
            job.AddPending();
            if (queue.TryEnqueue(i, job, waiter) == EnqueueOutcome.MustWait)
            {
                job.ReleasePendingNotLast();
                break;
            }
        }

        // Taking is the consumer's, which holds the cell's claim: wait for the turn the enqueues scheduled to go idle
        // (the worker is paused), then hold the claim while taking, as a turn would.
        ref var claim = ref ClaimOf(queue.Owner).Value;
        SpinWait.SpinUntil(() => Interlocked.CompareExchange(ref ClaimOf(queue.Owner).Value, 1, 0) == 0);
        int? leftWhenWoken = null;
        while (queue.Count > 0)
        {
            queue.TakeHead();
            queue.ReleaseInHand();
            job.ReleasePendingNotLast();
            if (leftWhenWoken is null && waiter.SpaceFreed)
            {
                leftWhenWoken = queue.Count;
            }
        }

        Volatile.Write(ref claim, 0);
        return leftWhenWoken ?? -1;
    }

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_scheduled")]
    private static extern ref PaddedFlag ClaimOf(RoutineCell cell);

    [Fact]
    public void The_first_segment_grows_with_the_chain_and_shrinks_with_more_segments_behind_it()
    {
        Assert.Equal(["r0->r1"], CutConnections(Chain(8), processors: 2));
        Assert.Equal(["r2->r3"], CutConnections(Chain(20), processors: 2));

        // 20 on four cores: 1, then 19 routines run in batches as 6 + 6 + 7, the shorter first.
        Assert.Equal(["r0->r1", "r6->r7", "r12->r13"], CutConnections(Chain(20), processors: 4));
    }

    [Fact]
    public void More_cores_get_more_segments_but_never_one_under_the_minimum()
    {
        // Eleven routines make only two segments, however many cores there are.
        Assert.Equal(["r0->r1"], CutConnections(Chain(11), processors: 4));

        // Twelve make three: 1, then 5 + 6.
        Assert.Equal(["r0->r1", "r5->r6"], CutConnections(Chain(12), processors: 4));

        // 18 on four cores: 1, then 17 as 5 + 6 + 6, the shorter first.
        Assert.Equal(["r0->r1", "r5->r6", "r11->r12"], CutConnections(Chain(18), processors: 4));

        // 13 on four cores: at most three segments of four or more: 1, then 12 as 6 + 6.
        Assert.Equal(["r0->r1", "r6->r7"], CutConnections(Chain(13), processors: 4));
    }

    [Fact]
    public void Routines_fed_only_from_their_own_segment_are_marked_inside_it()
    {
        using var runtime = new Runtime();
        var worker = runtime.CreateWorker(Chain(11), new WorkerOptions { StreamProcessors = 2 });
        var inside = Enumerable.Range(0, 11).Where(i => worker.Cell(i).IsInsideSegment).Select(i => $"r{i}");

        // r0 is fed from outside and r1 through the cut: both wait for a stream at their queue; the rest do not.
        Assert.Equal(["r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10"], inside);

        var uncut = runtime.CreateWorker(Chain(11), new WorkerOptions { SpreadStreams = false, StreamProcessors = 2 });
        Assert.DoesNotContain(Enumerable.Range(0, 11), i => uncut.Cell(i).IsInsideSegment);
    }

    [Fact]
    public void One_core_or_a_chain_shorter_than_two_segments_is_never_cut()
    {
        Assert.Empty(CutConnections(Chain(11), processors: 1));
        Assert.Empty(CutConnections(Chain(7), processors: 2));
        Assert.Empty(CutConnections(Chain(7), processors: 64));
    }

    [Fact]
    public void A_cycle_counts_once_and_does_not_hang_the_plan()
    {
        var flow = new FlowBuilder("cycle");
        var a = flow.Add<AddOne>("a");
        var b = flow.Add<AddOne>("b");
        var c = flow.Add<AddOne>("c");
        flow.Connect(a.Out(), b.In());
        flow.Connect(b.Out(), c.In());
        flow.Connect(c.Out(), a.In());
        flow.Entry(a.In());

        var lengths = StreamSegments.LongestChains(flow.Build());

        Assert.Equal([3, 2, 1], lengths);
    }

    [Fact]
    public void A_ten_thousand_routine_chain_is_planned_without_recursion()
    {
        var lengths = StreamSegments.LongestChains(Chain(10_000));

        Assert.Equal(10_000, lengths[0]);
        Assert.Equal(1, lengths[^1]);
    }
}
