using System.Collections.Concurrent;

namespace Routilux.Tests.Model;

/// <summary>What one run of a scenario found and how much it did.</summary>
internal sealed record ScenarioOutcome(IReadOnlyList<ModelViolation> Violations, int Jobs, int HandlerRuns);

/// <summary>
/// Runs one scenario against a fresh runtime: builds the flow, starts the jobs every documented way at once, plays
/// the chaos, holds gated handlers until stopped jobs have shown they complete without them, then waits for
/// everything to end (each wait bounded, a hang is a violation) and hands the records to the
/// <see cref="InvariantChecker"/>.
/// </summary>
internal sealed class ScenarioRun
{
    private readonly ConcurrentQueue<ModelViolation> _violations = new();
    private volatile bool _disposeIssued;

    private ScenarioRun(ScenarioSpec spec, TimeSpan bound)
    {
        Spec = spec;
        Bound = bound;
        Probe = new ModelProbe(spec);
        Jobs = spec.Jobs.Select(j => new JobRecord(j)).ToArray();
        WorkerCancelIssued = new bool[spec.Workers];
    }

    public ScenarioSpec Spec { get; }

    /// <summary>How long anything may take to end before it counts as hung. Generous: it bounds, it times nothing.</summary>
    public TimeSpan Bound { get; }

    public ModelProbe Probe { get; }

    public JobRecord[] Jobs { get; }

    public AssembledFlow Flow { get; private set; } = null!;

    public Runtime Runtime { get; private set; } = null!;

    public Worker[] Workers { get; private set; } = [];

    public bool DisposeIssued => _disposeIssued;

    public bool[] WorkerCancelIssued { get; }

    public void Violate(string kind, string detail) => _violations.Enqueue(new ModelViolation(kind, detail));

    public static async Task<ScenarioOutcome> RunAsync(ScenarioSpec spec, TimeSpan bound)
    {
        var run = new ScenarioRun(spec, bound);
        try
        {
            // Off the test framework's synchronization context, so RunAsync really starts handlers on the caller's thread.
            await Task.Run(run.RunCoreAsync);
        }
        catch (Exception ex)
        {
            run.Violate("harness", $"the scenario itself threw: {ex}");
        }

        var violations = run._violations.Concat(run.Probe.Violations).ToList();
        return new ScenarioOutcome(violations, spec.Jobs.Length, run.Probe.Runs.Count);
    }

    private async Task RunCoreAsync()
    {
        Flow = FlowAssembler.Assemble(Spec, Probe);
        CheckPolicies();
        Runtime = new Runtime();
        Workers = Enumerable.Range(0, Spec.Workers).Select(i => Runtime.CreateWorker(Flow.Flow, new WorkerOptions { Id = $"w{i}" })).ToArray();

        var driver = new JobDriver(this);
        var starts = Jobs.Select(j => Task.Run(() => driver.StartAsync(j))).ToArray();
        var chaos = Spec.Chaos.Select(c => Task.Run(() => PlayAsync(c))).ToArray();

        if (!await EndsWithin(Task.WhenAll(chaos)))
        {
            Violate("hang", $"a chaos action did not end within {Bound.TotalSeconds} s (a pause's resume, or a dispose waiting for handlers).");
        }

        if (Spec.Nodes.Any(n => n.Gated))
        {
            await CheckStoppedJobsCompleteWhileGatedAsync();
        }

        Probe.Gate.TrySetResult();
        if (!await EndsWithin(Task.WhenAll(starts)))
        {
            var open = Jobs.Where((j, i) => !starts[i].IsCompleted).Select(j =>
                $"{j.Spec.Id} ({j.Spec.Method}, {Workers[j.Spec.Worker].ActiveJobs.FirstOrDefault(a => a.Id == j.Spec.Id)?.Status.ToString() ?? "not active"})");
            Violate("hang", $"queues when starts hung: {string.Join("; ", Workers.Select(DescribeQueues))}.");
            Violate("hang", $"starting these jobs did not return within {Bound.TotalSeconds} s: {string.Join(", ", open)}.");
        }

        // One bound for all the jobs together: forty hung jobs cost one bound, not forty.
        var jobs = Jobs.Where(r => r.Job is not null).Select(r => r.Job!).ToList();
        if (!await EndsWithin(Task.WhenAll(jobs.Select(j => j.Completion))))
        {
            foreach (var job in jobs.Where(j => !j.Completion.IsCompleted))
            {
                Violate("hang", $"job {job.Id} did not end within {Bound.TotalSeconds} s: status {job.Status}, dropped {job.DroppedMessages}, " +
                    $"queues {DescribeQueues(job.Worker)}.");
            }
        }

        await new InvariantChecker(this).CheckAsync();
        if (!await EndsWithin(Runtime.DisposeAsync().AsTask()))
        {
            Violate("hang", $"disposing the runtime did not end within {Bound.TotalSeconds} s.");
        }
    }

    /// <summary>The flow must resolve each routine's error policy as documented: the builder's, the attribute's, the flow's, Stop.</summary>
    private void CheckPolicies()
    {
        foreach (var node in Spec.Nodes)
        {
            var expected = node.EffectivePolicy(Spec.FlowPolicy);
            var actual = Flow.Flow.FindRoutine(node.Id)!.ErrorPolicy;
            var fallback = actual.Fallback?.Strategy ?? ErrorStrategy.Stop;
            if (actual.Strategy != expected.Strategy
                || expected.Strategy == ErrorStrategy.Retry && (actual.MaxRetries != expected.MaxRetries || fallback != expected.Fallback))
            {
                Violate("policy", $"{node.Id} ({node.Kind}) runs with {actual}, expected {expected}.");
            }
        }
    }

    private async Task PlayAsync(ChaosSpec chaos)
    {
        try
        {
            await PlayCoreAsync(chaos);
        }
        catch (Exception ex)
        {
            Violate("chaos-threw", $"{chaos.Describe()} threw {ex.GetType().Name}: {ex.Message}");
        }
    }

    private async Task PlayCoreAsync(ChaosSpec chaos)
    {
        await Task.Delay(chaos.AtMs);
        var worker = Workers[chaos.Worker];
        switch (chaos.Kind)
        {
            case ChaosKind.PauseResume:
                worker.Pause("model chaos");
                await Task.Delay(chaos.DurationMs);
                worker.Resume();
                break;
            case ChaosKind.CancelJob:
                var record = Jobs.First(j => j.Spec.Index == chaos.Job);
                var job = record.Job ?? Workers[record.Spec.Worker].ActiveJobs.FirstOrDefault(j => j.Id == record.Spec.Id);
                if (job is not null)
                {
                    record.HarnessCancelled = true;
                    job.Cancel("model chaos");
                }

                break;
            case ChaosKind.CancelCallerToken:
                var owner = Jobs.First(j => j.Spec.Index == chaos.Job);
                if (owner.CallerToken is { } source)
                {
                    owner.CallerCancelled = true;
                    await source.CancelAsync();
                }

                break;
            case ChaosKind.CancelWorker:
                WorkerCancelIssued[chaos.Worker] = true;
                worker.Cancel("model chaos");
                break;
            case ChaosKind.DisposeRuntime:
                _disposeIssued = true;
                await Runtime.DisposeAsync();
                break;
        }
    }

    /// <summary>
    /// Issue 17's bug 6: while a gated handler holds its routine, every job that is stopped (cancelled, timed out,
    /// failed) must still complete, even with messages queued behind the held one. Waits until every job has been
    /// started and every job with a timeout has stopped or ended; then any stopped job not completed is a violation.
    /// </summary>
    private async Task CheckStoppedJobsCompleteWhileGatedAsync()
    {
        var deadline = DateTime.UtcNow + Bound;
        List<Job> pending;
        while (true)
        {
            var active = Workers.SelectMany(w => w.ActiveJobs).ToList();
            pending = active.Where(j => j.Status is JobStatus.Failed or JobStatus.Cancelled).ToList();
            var timing = active.Any(j => j.Status == JobStatus.Running && j.Timeout is not null);
            if (Jobs.All(j => j.StartIssued) && pending.Count == 0 && !timing)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(5);
        }

        foreach (var job in pending)
        {
            Violate("stopped-not-completed", $"job {job.Id} is {job.Status} ({job.Error?.GetType().Name ?? job.CancellationReason}) but its Completion did not complete " +
                $"within {Bound.TotalSeconds} s while a gated handler of another job held a routine; queues {DescribeQueues(job.Worker)}.");
        }
    }

    public async Task<bool> EndsWithin(Task task)
    {
        try
        {
            await task.WaitAsync(Bound);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public static string DescribeQueues(Worker worker) =>
        string.Join(" ", worker.QueueStates.Where(q => q.Length > 0).Select(q => $"{q.RoutineId}.{q.SlotName}={q.Length}/{q.Capacity}")) is { Length: > 0 } text ? text : "empty";
}
