using System.Collections.Concurrent;
using Routilux.Tests.Routines;

namespace Routilux.Tests;

public class FlowExecutionTests
{
    [Fact]
    public async Task A_job_completes_by_itself_when_its_work_drains()
    {
        var received = new ConcurrentQueue<int>();
        var flow = new FlowBuilder("count");
        var counter = flow.Add<Counter>("counter");
        var sink = flow.Add("sink", () => new Sink<int>(received));
        flow.Connect(counter.Number(), sink.In());
        flow.Entry(counter.Start());

        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow.Build());
        var job = await worker.StartAsync(counter.Start(), 100);

        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        Assert.Equal(Enumerable.Range(0, 100), received);
        Assert.Null(job.Error);
        Assert.NotNull(job.EndedAt);
        Assert.Empty(worker.ActiveJobs);
        Assert.Equal(1, worker.JobsCompleted);
    }

    [Fact]
    public async Task Fan_out_delivers_one_event_to_two_slots()
    {
        var left = new ConcurrentQueue<int>();
        var right = new ConcurrentQueue<int>();
        var flow = new FlowBuilder("fan-out");
        var counter = flow.Add<Counter>("counter");
        var a = flow.Add("left", () => new Sink<int>(left));
        var b = flow.Add("right", () => new Sink<int>(right));
        flow.Connect(counter.Number(), a.In());
        flow.Connect(counter.Number(), b.In());
        flow.Entry(counter.Start());

        await using var runtime = new Runtime();
        var job = await runtime.CreateWorker(flow.Build()).StartAsync(counter.Start(), 50);

        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        Assert.Equal(Enumerable.Range(0, 50), left);
        Assert.Equal(Enumerable.Range(0, 50), right);
    }

    [Fact]
    public async Task Fan_in_delivers_two_events_to_one_slot()
    {
        var received = new ConcurrentQueue<int>();
        var flow = new FlowBuilder("fan-in");
        var counter = flow.Add<Counter>("counter");
        var plusOne = flow.Add<AddOne>("plus-one");
        var sink = flow.Add("sink", () => new Sink<int>(received));
        flow.Connect(counter.Number(), plusOne.In());
        flow.Connect(counter.Number(), sink.In());
        flow.Connect(plusOne.Out(), sink.In());
        flow.Entry(counter.Start());

        await using var runtime = new Runtime();
        var job = await runtime.CreateWorker(flow.Build()).StartAsync(counter.Start(), 20);

        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        var expected = Enumerable.Range(0, 20).Concat(Enumerable.Range(1, 20)).Order();
        Assert.Equal(expected, received.Order());
    }

    [Fact]
    public async Task A_ten_stage_chain_carries_the_job_context_to_the_last_hop()
    {
        var seen = new ConcurrentQueue<(string JobId, string RoutineId, string FlowId, string Slot, int Value)>();
        var received = new ConcurrentQueue<int>();
        var flow = new FlowBuilder("chain");
        var stages = Enumerable.Range(0, 10).Select(i => flow.Add($"stage-{i}", () => new ContextRecorder(seen))).ToList();
        var sink = flow.Add("sink", () => new Sink<int>(received));
        for (var i = 0; i < 9; i++)
        {
            flow.Connect(stages[i].Out(), stages[i + 1].In());
        }

        flow.Connect(stages[9].Out(), sink.In());
        flow.Entry(stages[0].In());

        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow.Build());
        var first = await worker.StartAsync(stages[0].In(), 0);
        var second = await worker.StartAsync(stages[0].In(), 100);

        Assert.Equal(JobStatus.Completed, await first.Completion.Within());
        Assert.Equal(JobStatus.Completed, await second.Completion.Within());
        Assert.Equal(new[] { 10, 110 }, received.Order());

        var firstHops = seen.Where(s => s.JobId == first.Id).OrderBy(s => s.Value).ToList();
        Assert.Equal(10, firstHops.Count);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"stage-{i}"), firstHops.Select(h => h.RoutineId));
        Assert.All(firstHops, h => Assert.Equal("chain", h.FlowId));
        Assert.All(firstHops, h => Assert.Equal("In", h.Slot));
        Assert.Equal(("stage-9", 9), (firstHops[^1].RoutineId, firstHops[^1].Value));
        Assert.Equal(10, seen.Count(s => s.JobId == second.Id));
    }

    [Fact]
    public async Task Two_jobs_in_one_worker_complete_independently()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var received = new ConcurrentQueue<string>();
        var flow = new FlowBuilder("two-jobs");
        var router = flow.Add<Router>("router");
        var gate = flow.Add("gate", () => new Gate(release, entered));
        var sink = flow.Add("sink", () => new Sink<string>(received));
        flow.Connect(router.Slow(), gate.In());
        flow.Connect(router.Fast(), sink.In());
        flow.Connect(gate.Out(), sink.In());
        flow.Entry(router.In());

        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow.Build());
        var slow = await worker.StartAsync(router.In(), "slow one");
        await entered.Task.Within();
        var fast = await worker.StartAsync(router.In(), "fast one");

        Assert.Equal(JobStatus.Completed, await fast.Completion.Within());
        Assert.Equal(JobStatus.Running, slow.Status);
        Assert.False(slow.Completion.IsCompleted);
        Assert.Equal(new[] { "fast one" }, received);

        release.SetResult();
        Assert.Equal(JobStatus.Completed, await slow.Completion.Within());
        Assert.Equal(new[] { "fast one", "slow one" }, received);
        Assert.Equal(2, worker.JobsCompleted);
    }

    [Fact]
    public async Task A_chain_run_on_from_an_awaiting_handler_holds_its_job_open_to_the_end()
    {
        // The gate resumes on a pool thread, outside any turn, and passes its message on down a fused chain: the chain
        // must take over the gate's count in the job, or the job completes while the chain is still running.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var completedOnArrival = new ConcurrentQueue<bool>();
        var flow = new FlowBuilder("resumed-chain");
        var gate = flow.Add("gate", () => new Gate(release, entered));
        var first = flow.Add<StringRelay>("first");
        var second = flow.Add<StringRelay>("second");
        var probe = flow.Add("probe", () => new CompletionProbe(completedOnArrival));
        flow.Connect(gate.Out(), first.In());
        flow.Connect(first.Out(), second.In());
        flow.Connect(second.Out(), probe.In());
        flow.Entry(gate.In());

        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow.Build());
        var job = await worker.StartAsync(gate.In(), "through");
        await entered.Task.Within();
        release.SetResult();

        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        Assert.Equal([false], completedOnArrival);
    }

    [Fact]
    public async Task Handled_reference_payloads_are_not_kept_alive_by_the_worker()
    {
        var flow = new FlowBuilder("payload-lifetime");
        var relay = flow.Add<StringRelay>("relay");
        var tally = flow.Add<Tally<string>>("tally");
        flow.Connect(relay.Out(), tally.In());
        flow.Entry(relay.In());

        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow.Build());
        var payload = await RunWithFreshPayloadAsync(worker, relay.In());

        // The job completes a moment before the pool thread that ran it leaves the runtime's frames, which may still
        // hold the payload while they are on its stack: collect until that thread has moved on (at once, unless the
        // machine is busy). A payload kept in a queue's hand stays referenced for good.
        Eventually.True(
            () =>
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                return !payload.IsAlive;
            },
            "the handled payload is no longer referenced (the relay's queue or the tally's hand keeps it alive otherwise)");
        Assert.Equal(1, ((Tally<string>)worker.GetRoutine("tally")).Count);
    }

    // Out of line, so that no local of the test method keeps the payload alive.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> RunWithFreshPayloadAsync(Worker worker, SlotPort<string> entry)
    {
        var payload = new string('x', 64);
        var job = await worker.StartAsync(entry, payload);
        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        return new WeakReference(payload);
    }

    [Fact]
    public async Task An_open_job_takes_input_until_its_input_is_complete()
    {
        var received = new ConcurrentQueue<int>();
        var flow = new FlowBuilder("open");
        var plusOne = flow.Add<AddOne>("plus-one");
        var sink = flow.Add("sink", () => new Sink<int>(received));
        flow.Connect(plusOne.Out(), sink.In());
        flow.Entry(plusOne.In());

        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow.Build());
        var job = worker.OpenJob();
        for (var i = 0; i < 10; i++)
        {
            await job.PostAsync(plusOne.In(), i);
        }

        // Every message has been handled and both routines have ended their turns: only the open input holds the job.
        Eventually.True(() => received.Count == 10, "all ten messages reached the sink");
        worker.WaitUntilIdle("plus-one");
        worker.WaitUntilIdle("sink");
        Assert.Equal(JobStatus.Running, job.Status);

        job.CompleteInput();
        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        Assert.Equal(Enumerable.Range(1, 10), received.Order());
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await job.PostAsync(plusOne.In(), 99));
    }

    [Fact]
    public async Task Slots_of_every_shape_receive_their_payloads()
    {
        var flow = new FlowBuilder("shapes");
        var shapes = flow.Add<Shapes>("shapes");
        flow.Entry(shapes.Pair()).Entry(shapes.Ping()).Entry(shapes.Later());

        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow.Build());
        var jobs = new[]
        {
            await worker.StartAsync(shapes.Pair(), (7, "seven")),
            await worker.StartAsync(shapes.Ping(), Unit.Value),
            await worker.StartAsync(shapes.Later(), "soon"),
        };

        foreach (var job in jobs)
        {
            Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        }

        var log = ((Shapes)worker.GetRoutine("shapes")).Log;
        Assert.Equal(new[] { "later soon shapes True", "pair 7 seven", "ping" }, log.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_handler_that_emits_hundreds_of_messages_delivers_them_all_in_order_and_again_in_the_next_run()
    {
        var received = new ConcurrentQueue<int>();
        var flow = new FlowBuilder("burst");
        var burst = flow.Add<Burst>("burst");
        var sink = flow.Add("sink", () => new Sink<int>(received));
        flow.Connect(burst.Out(), sink.In());
        flow.Entry(burst.In());

        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow.Build());
        Assert.Equal(JobStatus.Completed, (await worker.RunAsync(burst.In(), 300).AsTask().Within()).Status);
        Assert.Equal(JobStatus.Completed, (await worker.RunAsync(burst.In(), 3).AsTask().Within()).Status);

        // The outbox grew past its first four places in the first run, and started empty again in the second.
        Assert.Equal(Enumerable.Range(0, 300).Concat(Enumerable.Range(0, 3)), received);
    }
}
