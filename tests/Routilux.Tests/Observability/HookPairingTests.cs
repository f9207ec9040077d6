using System.Collections.Concurrent;
using Routilux.Tests.Routines;

namespace Routilux.Tests.Observability;

public class HookPairingTests
{
    [Fact]
    public async Task Under_many_concurrent_jobs_each_job_starts_and_ends_once_and_each_handler_start_has_its_end()
    {
        const int jobs = 64;
        var hooks = new PairingHooks();
        var received = new ConcurrentQueue<int>();
        await using var runtime = new Runtime(new RuntimeOptions { Hooks = [hooks] });
        var flow = new FlowBuilder("pairs");
        var first = flow.Add<AddOne>("first");
        var second = flow.Add<AddOne>("second");
        var sink = flow.Add("sink", () => new Sink<int>(received));
        flow.Connect(first.Out(), second.In());
        flow.Connect(second.Out(), sink.In());
        flow.Entry(first.In());
        var worker = runtime.CreateWorker(flow.Build());

        // Half run on the caller's thread (fused from the start), half are queued: both paths raise the same events.
        var started = await Task.WhenAll(Enumerable.Range(0, jobs).Select(i => Task.Run(async () =>
            i % 2 == 0 ? await worker.RunAsync(first.In(), i) : await worker.StartAsync(first.In(), i))));
        var statuses = await Task.WhenAll(started.Select(j => j.Completion)).Within();

        Assert.All(statuses, s => Assert.Equal(JobStatus.Completed, s));
        Assert.Equal(jobs, received.Count);
        foreach (var job in started)
        {
            Assert.Equal(1, hooks.Count($"started {job.Id}"));
            Assert.Equal(1, hooks.Count($"ended {job.Id} Completed"));
            foreach (var routine in new[] { "first", "second", "sink" })
            {
                Assert.Equal(1, hooks.Count($"run-start {routine} {job.Id}"));
                Assert.Equal(1, hooks.Count($"run-end {routine} {job.Id}"));
            }
        }

        Assert.Equal(0, hooks.EndedBeforeStarted);
    }

    /// <summary>Counts events by key, and notices a job or a run that ends before it started.</summary>
    private sealed class PairingHooks : RoutiluxHooks
    {
        private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
        private int _endedBeforeStarted;

        public int EndedBeforeStarted => Volatile.Read(ref _endedBeforeStarted);

        public int Count(string key) => _counts.GetValueOrDefault(key);

        public override void OnJobStarted(Job job) => Add($"started {job.Id}");

        public override void OnJobEnded(Job job)
        {
            CheckStarted($"started {job.Id}");
            Add($"ended {job.Id} {job.Status}");
        }

        public override void OnHandlerStarting(in HandlerStart run) => Add($"run-start {run.RoutineId} {run.Job.Id}");

        public override void OnHandlerEnded(in HandlerEnd run)
        {
            CheckStarted($"run-start {run.RoutineId} {run.Job.Id}");
            Add($"run-end {run.RoutineId} {run.Job.Id}");
        }

        private void Add(string key) => _counts.AddOrUpdate(key, 1, static (_, n) => n + 1);

        private void CheckStarted(string key)
        {
            if (Count(key) == 0)
            {
                Interlocked.Increment(ref _endedBeforeStarted);
            }
        }
    }
}
