using System.Collections.Concurrent;
using Routilux.Tests.Routines;

namespace Routilux.Tests;

/// <summary>
/// Batches: queued messages of one job run back to back and go down a chain as one batch per routine. Order, job
/// counts, error policies, pausing and payload lifetimes hold as for one message at a time.
/// </summary>
public class BatchTests
{
    [Fact]
    public async Task Queued_messages_of_one_job_go_down_a_chain_as_one_batch_per_routine_in_order()
    {
        var seen = new ConcurrentQueue<(string JobId, string RoutineId, string FlowId, string Slot, int Value)>();
        await using var runtime = new Runtime();
        var (worker, entry) = RecorderChain(runtime, seen);
        worker.Pause();
        var job = await worker.PostJobAsync(entry, Enumerable.Range(0, 10));

        worker.Resume();

        Assert.Equal(JobStatus.Completed, await job.Completion.Within());

        // One message at a time would interleave the routines (a, b, c, a, b, c, ...); a batch runs each routine's
        // ten messages back to back, and every routine still sees them in order.
        Assert.Equal(Enumerable.Repeat("a", 10).Concat(Enumerable.Repeat("b", 10)).Concat(Enumerable.Repeat("c", 10)), seen.Select(s => s.RoutineId));
        Assert.Equal(Enumerable.Range(0, 10).Concat(Enumerable.Range(1, 10)).Concat(Enumerable.Range(2, 10)), seen.Select(s => s.Value));
    }

    [Fact]
    public async Task A_batch_ends_where_the_queue_turns_to_another_job()
    {
        var seen = new ConcurrentQueue<(string JobId, string RoutineId, string FlowId, string Slot, int Value)>();
        await using var runtime = new Runtime();
        var (worker, entry) = RecorderChain(runtime, seen);
        worker.Pause();
        var first = worker.OpenJob();
        var second = worker.OpenJob();
        foreach (var (job, value) in new[] { (first, 0), (first, 1), (second, 2), (second, 3), (first, 4), (second, 5) })
        {
            await job.PostAsync(entry, value);
        }

        first.CompleteInput();
        second.CompleteInput();
        worker.Resume();

        Assert.Equal(JobStatus.Completed, await first.Completion.Within());
        Assert.Equal(JobStatus.Completed, await second.Completion.Within());

        // Every message is handled under its own job all the way down: a batch never carries another job's message.
        var jobOfValue = seen.Where(s => s.RoutineId == "a").ToDictionary(s => s.Value, s => s.JobId);
        Assert.All(seen.Where(s => s.RoutineId == "b"), s => Assert.Equal(jobOfValue[s.Value - 1], s.JobId));
        Assert.All(seen.Where(s => s.RoutineId == "c"), s => Assert.Equal(jobOfValue[s.Value - 2], s.JobId));
        Assert.Equal([first.Id, first.Id, second.Id, second.Id, first.Id, second.Id], [.. seen.Where(s => s.RoutineId == "a").Select(s => s.JobId)]);
    }

    [Fact]
    public async Task Skip_in_a_batch_drops_only_the_failed_runs_emits_and_the_batch_goes_on()
    {
        var received = new ConcurrentQueue<int>();
        var flow = new FlowBuilder("skip-in-batch");
        var thrower = flow.Add<EmitThenThrow>("thrower");
        var sink = flow.Add("sink", () => new Sink<int>(received));
        flow.Connect(thrower.Out(), sink.In());
        flow.Entry(thrower.In());
        flow.OnError(thrower, ErrorPolicy.Skip);
        await using var runtime = new Runtime();
        var (worker, job) = await RunQueuedAsync(runtime, flow, thrower.In(), Enumerable.Range(1, 6));

        // The odd values emit, then throw: their emits go, the even values' emits of the same batch stay.
        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        Assert.Equal([2, 4, 6], received);
        Assert.Equal(3, job.Errors.Count);
        var runs = worker.History.Where(r => r.RoutineId == "thrower").Select(r => r.Outcome);
        Assert.Equal([HandlerOutcome.Skipped, HandlerOutcome.Completed, HandlerOutcome.Skipped, HandlerOutcome.Completed, HandlerOutcome.Skipped, HandlerOutcome.Completed], runs);
    }

    [Fact]
    public async Task A_retry_after_a_delay_in_the_middle_of_a_batch_drops_only_its_own_emits_and_the_batch_goes_on()
    {
        var received = new ConcurrentQueue<int>();
        var flow = new FlowBuilder("retry-in-batch");
        var relay = flow.Add<AddOne>("relay");
        var flaky = flow.Add("flaky", () => new EmitThenFailOnce(failOn: 4));
        var sink = flow.Add("sink", () => new Sink<int>(received));
        flow.Connect(relay.Out(), flaky.In());
        flow.Connect(flaky.Out(), sink.In());
        flow.Entry(relay.In());
        flow.OnError(flaky, ErrorPolicy.Retry(2, TimeSpan.FromMilliseconds(20)));
        await using var runtime = new Runtime();
        var (worker, job) = await RunQueuedAsync(runtime, flow, relay.In(), Enumerable.Range(0, 8));

        // The relay passes 1..8 on as one batch; 4 emits and throws once, waits 20 ms on the clock, runs again, and
        // the rest of the batch follows it. Every value arrives once, in order.
        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        Assert.Equal(Enumerable.Range(1, 8), received);
        Assert.Empty(job.Errors);
        var runs = worker.History.Where(r => r.RoutineId == "flaky").ToList();
        Assert.Equal(9, runs.Count);
        Assert.Equal(HandlerOutcome.Retried, Assert.Single(runs, r => r.Attempt == 1 && r.Outcome != HandlerOutcome.Completed).Outcome);
    }

    [Fact]
    public async Task A_stop_in_a_batch_fails_the_job_and_nothing_after_the_failed_message_goes_downstream()
    {
        var received = new ConcurrentQueue<int>();
        var flow = new FlowBuilder("stop-in-batch");
        var unlucky = flow.Add<Unlucky>("unlucky");
        var sink = flow.Add("sink", () => new Sink<int>(received));
        flow.Connect(unlucky.Out(), sink.In());
        flow.Entry(unlucky.In());
        await using var runtime = new Runtime();
        var (worker, job) = await RunQueuedAsync(runtime, flow, unlucky.In(), Enumerable.Range(10, 8));

        // What the batch emitted before 13 was still in its outbox, like messages still queued: a failed job's
        // remaining messages are dropped.
        Assert.Equal(JobStatus.Failed, await job.Completion.Within());
        Assert.Equal("unlucky", Assert.IsType<RoutineFailedException>(job.Error).RoutineId);
        Assert.DoesNotContain(received, v => v >= 13);
        Assert.Equal(1, worker.JobsFailed);
        Assert.Empty(worker.ActiveJobs);
    }

    [Fact]
    public async Task A_handler_that_goes_asynchronous_in_the_middle_of_a_batch_resumes_the_rest_in_order()
    {
        var received = new ConcurrentQueue<int>();
        var flow = new FlowBuilder("async-in-batch");
        var relay = flow.Add<AddOne>("relay");
        var yielder = flow.Add<OddYielder>("yielder");
        var sink = flow.Add("sink", () => new Sink<int>(received));
        flow.Connect(relay.Out(), yielder.In());
        flow.Connect(yielder.Out(), sink.In());
        flow.Entry(relay.In());
        await using var runtime = new Runtime();
        var (_, job) = await RunQueuedAsync(runtime, flow, relay.In(), Enumerable.Range(0, 20));

        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        Assert.Equal(Enumerable.Range(1, 20), received);
    }

    [Fact]
    public async Task Pausing_in_the_middle_of_a_batch_holds_the_rest_in_hand_until_resume()
    {
        await using var runtime = new Runtime();
        var (worker, job, handledByB, received) = await PausingMidBatch.StartAsync(runtime, "pause-in-batch");

        // b got 1..10 as one batch and paused the worker at 3: nothing after 3 starts while paused.
        Eventually.True(() => handledByB.Contains(3), "b handled 3 and paused the worker");
        var cellB = worker.CellOf("b");
        Eventually.True(() => cellB.HasBatchParkedForPause, "b keeps the rest of its batch in hand for the resume");
        Assert.Equal([1, 2, 3], handledByB);
        Assert.Equal(JobStatus.Running, job.Status);

        worker.Resume();

        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        Assert.Equal(Enumerable.Range(1, 10), handledByB);
        Assert.Equal(Enumerable.Range(1, 10), received);
    }

    [Fact]
    public async Task Reference_payloads_handled_in_a_batch_are_not_kept_alive_by_the_worker()
    {
        var flow = new FlowBuilder("batch-payload-lifetime");
        var first = flow.Add<StringRelay>("first");
        var second = flow.Add<StringRelay>("second");
        var tally = flow.Add<Tally<string>>("tally");
        flow.Connect(first.Out(), second.In());
        flow.Connect(second.Out(), tally.In());
        flow.Entry(first.In());
        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow.Build());
        var payloads = await RunBatchOfFreshPayloadsAsync(worker, first.In(), count: 8);

        // As for a single message (FlowExecutionTests): collect until the pool thread has left the runtime's frames.
        Eventually.True(
            () =>
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                return payloads.All(p => !p.IsAlive);
            },
            "no handled payload is referenced any more (a batch kept in hand keeps them alive otherwise)");
        Assert.Equal(8, ((Tally<string>)worker.GetRoutine("tally")).Count);
    }

    // Out of line, so that no local of the test method keeps a payload alive.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static async Task<WeakReference[]> RunBatchOfFreshPayloadsAsync(Worker worker, SlotPort<string> entry, int count)
    {
        worker.Pause();
        var job = worker.OpenJob();
        var payloads = new WeakReference[count];
        for (var i = 0; i < count; i++)
        {
            var payload = new string((char)('a' + i), 64);
            payloads[i] = new WeakReference(payload);
            await job.PostAsync(entry, payload);
        }

        job.CompleteInput();
        worker.Resume();
        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        return payloads;
    }

    [Fact]
    public async Task A_job_whose_messages_ran_as_a_batch_is_not_kept_alive_by_the_worker_once_it_completes()
    {
        var flow = new FlowBuilder("batch-job-lifetime");
        var first = flow.Add<StringRelay>("first");
        var tally = flow.Add<Tally<string>>("tally");
        flow.Connect(first.Out(), tally.In());
        flow.Entry(first.In());
        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow.Build());
        var job = await RunJobOfQueuedMessagesAsync(worker, first.In(), count: 8);

        Eventually.True(
            () =>
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                return !job.IsAlive;
            },
            "the completed job is not referenced any more (a routine that remembers its last batch's job keeps it otherwise)");
        Assert.Equal(8, ((Tally<string>)worker.GetRoutine("tally")).Count);
    }

    // Out of line, so that no local of the test method keeps the job alive.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> RunJobOfQueuedMessagesAsync(Worker worker, SlotPort<string> entry, int count)
    {
        worker.Pause();
        var job = await worker.PostJobAsync(entry, Enumerable.Range(0, count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        worker.Resume();
        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        return new WeakReference(job);
    }

    /// <summary>a -> b -> c, each a <see cref="ContextRecorder"/> (records, then passes the value on plus one) -> sink.</summary>
    private static (Worker Worker, SlotPort<int> Entry) RecorderChain(Runtime runtime, ConcurrentQueue<(string JobId, string RoutineId, string FlowId, string Slot, int Value)> seen)
    {
        var flow = new FlowBuilder("recorder-chain");
        var a = flow.Add("a", () => new ContextRecorder(seen));
        var b = flow.Add("b", () => new ContextRecorder(seen));
        var c = flow.Add("c", () => new ContextRecorder(seen));
        var sink = flow.Add("sink", () => new Sink<int>(new ConcurrentQueue<int>()));
        flow.Connect(a.Out(), b.In());
        flow.Connect(b.Out(), c.In());
        flow.Connect(c.Out(), sink.In());
        flow.Entry(a.In());
        return (runtime.CreateWorker(flow.Build()), a.In());
    }

    /// <summary>
    /// Creates a worker for <paramref name="flow"/>, queues <paramref name="values"/> at <paramref name="entry"/> as one
    /// job while it is paused, and resumes it: the entry routine then finds them all queued and takes them as a batch.
    /// </summary>
    private static async Task<(Worker Worker, Job Job)> RunQueuedAsync(Runtime runtime, FlowBuilder flow, SlotPort<int> entry, IEnumerable<int> values)
    {
        var worker = runtime.CreateWorker(flow.Build());
        worker.Pause();
        var job = await worker.PostJobAsync(entry, values);
        worker.Resume();
        return (worker, job);
    }
}
