using System.Collections.Concurrent;
using Routilux.Tests.Routines;

namespace Routilux.Tests;

/// <summary><see cref="Worker.RunAsync{T}(SlotPort{T}, T, CancellationToken)"/>: start on the calling thread, return the finished job.</summary>
public class RunAsyncTests
{
    private sealed record Chain(Flow Flow, SlotPort<int> Entry, SlotPort<int> Inner, ConcurrentQueue<int> Threads, ConcurrentQueue<int> Received);

    private static Chain ThreeStageChain()
    {
        var threads = new ConcurrentQueue<int>();
        var received = new ConcurrentQueue<int>();
        var flow = new FlowBuilder("run");
        var first = flow.Add("first", () => new ThreadRecorder(threads));
        var second = flow.Add("second", () => new ThreadRecorder(threads));
        var sink = flow.Add("sink", () => new Sink<int>(received));
        flow.Connect(first.Out(), second.In());
        flow.Connect(second.Out(), sink.In());
        flow.Entry(first.In());
        return new Chain(flow.Build(), first.In(), second.In(), threads, received);
    }

    /// <summary>gate -> sink, where the gate's handler signals <c>entered</c> and then waits for <c>release</c>.</summary>
    private static (Flow Flow, SlotPort<string> Gate, TaskCompletionSource Release, TaskCompletionSource Entered, ConcurrentQueue<string> Received) GatedFlow(string name)
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var received = new ConcurrentQueue<string>();
        var flow = new FlowBuilder(name);
        var gate = flow.Add("gate", () => new Gate(release, entered));
        var sink = flow.Add("sink", () => new Sink<string>(received));
        flow.Connect(gate.Out(), sink.In());
        flow.Entry(gate.In());
        return (flow.Build(), gate.In(), release, entered, received);
    }

    [Fact]
    public async Task A_short_flow_runs_on_the_calling_thread_and_returns_finished()
    {
        var chain = ThreeStageChain();
        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(chain.Flow);

        // Task.Run: no synchronization context, the default scheduler (xunit's async tests have a context of their own).
        var (callerThread, completedSynchronously, job) = await Task.Run(() =>
        {
            var running = worker.RunAsync(chain.Entry, 40);
            return (Environment.CurrentManagedThreadId, running.IsCompleted, running.Result);
        });

        Assert.True(completedSynchronously, "Nothing in the flow waits, so RunAsync should finish before it returns.");
        Assert.Equal(JobStatus.Completed, job.Status);
        Assert.True(job.Completion.IsCompletedSuccessfully);
        Assert.Equal([42], chain.Received);
        Assert.Equal([callerThread, callerThread], chain.Threads);
        Assert.Equal(1, worker.JobsCompleted);
        Assert.Empty(worker.ActiveJobs);
    }

    [Fact]
    public async Task Under_a_synchronization_context_the_job_starts_on_the_thread_pool()
    {
        var chain = ThreeStageChain();
        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(chain.Flow);
        var context = new CountingContext();

        // A thread of its own (not a pool thread), so a handler could run on it only if RunAsync ran it there.
        var (callerThread, job) = await OnOwnThread(() =>
        {
            SynchronizationContext.SetSynchronizationContext(context);
            return (Environment.CurrentManagedThreadId, worker.RunAsync(chain.Entry, 1).AsTask().GetAwaiter().GetResult());
        });

        Assert.Equal(JobStatus.Completed, job.Status);
        Assert.Equal([3], chain.Received);
        Assert.DoesNotContain(callerThread, chain.Threads);
        Assert.Equal(0, context.Posts);
    }

    [Fact]
    public async Task An_awaiting_handler_moves_the_rest_to_the_thread_pool_and_RunAsync_waits_for_it()
    {
        var (flow, gate, release, entered, received) = GatedFlow("awaiting");
        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow);

        var running = await Task.Run(() => worker.RunAsync(gate, "through"));

        Assert.True(entered.Task.IsCompleted, "The gate's handler should have started on the calling thread.");
        Assert.False(running.IsCompleted);
        release.SetResult();
        var job = await running.AsTask().Within();
        Assert.Equal(JobStatus.Completed, job.Status);
        Assert.Equal(["through"], received);
    }

    [Fact]
    public async Task A_busy_entry_routine_gets_the_message_through_its_queue_in_order()
    {
        var (flow, gate, release, entered, received) = GatedFlow("busy");
        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow);

        var first = await worker.StartAsync(gate, "first");
        await entered.Task.Within();
        var second = await Task.Run(() => worker.RunAsync(gate, "second"));

        Assert.False(second.IsCompleted, "The gate is busy with the first job, so the second must wait its turn.");
        release.SetResult();
        Assert.Equal(JobStatus.Completed, await first.Completion.Within());
        Assert.Equal(JobStatus.Completed, (await second.AsTask().Within()).Status);
        Assert.Equal(["first", "second"], received);
    }

    [Fact]
    public async Task A_failed_job_is_returned_not_thrown()
    {
        var received = new ConcurrentQueue<int>();
        var flow = new FlowBuilder("unlucky-run");
        var unlucky = flow.Add<Unlucky>("unlucky");
        var sink = flow.Add("sink", () => new Sink<int>(received));
        flow.Connect(unlucky.Out(), sink.In());
        flow.Entry(unlucky.In());
        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow.Build());

        var job = await Task.Run(() => worker.RunAsync(unlucky.In(), 13).AsTask());

        Assert.Equal(JobStatus.Failed, job.Status);
        var failure = Assert.IsType<RoutineFailedException>(job.Error);
        Assert.Equal("unlucky", failure.RoutineId);
        Assert.Empty(received);
        Assert.Equal(1, worker.JobsFailed);
    }

    [Fact]
    public async Task A_slot_that_is_not_an_entry_is_rejected_and_starts_no_job()
    {
        var chain = ThreeStageChain();
        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(chain.Flow);
        var error = await Assert.ThrowsAsync<ArgumentException>(async () => await worker.RunAsync(chain.Inner, 1));

        Assert.Contains("is not an entry of flow 'run'", error.Message, StringComparison.Ordinal);
        Assert.Empty(worker.ActiveJobs);
        Assert.Empty(chain.Threads);
    }

    private static Task<T> OnOwnThread<T>(Func<T> action)
    {
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                result.SetResult(action());
            }
            catch (Exception ex)
            {
                result.SetException(ex);
            }
        });
        thread.Start();
        return result.Task.Within();
    }

    /// <summary>Counts what is posted to it and runs it on the thread pool.</summary>
    private sealed class CountingContext : SynchronizationContext
    {
        private int _posts;

        public int Posts => Volatile.Read(ref _posts);

        public override void Post(SendOrPostCallback d, object? state)
        {
            Interlocked.Increment(ref _posts);
            ThreadPool.QueueUserWorkItem(_ => d(state));
        }
    }
}
