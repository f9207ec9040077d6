namespace Routilux.Tests.Model;

/// <summary>
/// The invariants checked once a scenario's jobs have ended, against the handlers' records and the oracle: each job's
/// status has a cause; a completed job's slots handled exactly what arrived minus what was counted as dropped (and,
/// when no policy can drop or refuse, exactly what the oracle predicts); nothing was handled that no one sent; joins
/// give up on partners only for good; and the workers' queues and counters agree with the jobs the harness saw.
/// </summary>
internal sealed class InvariantChecker
{
    private readonly ScenarioRun _run;
    private readonly ILookup<string, RunRecord> _runsByJob;

    public InvariantChecker(ScenarioRun run)
    {
        _run = run;
        _runsByJob = run.Probe.Runs.ToLookup(r => r.JobId, StringComparer.Ordinal);
    }

    private ScenarioSpec Spec => _run.Spec;

    public async Task CheckAsync()
    {
        foreach (var record in _run.Jobs)
        {
            if (record.Job is { Completion.IsCompleted: true } job)
            {
                CheckJob(record, job);
            }
        }

        for (var w = 0; w < _run.Workers.Length; w++)
        {
            await CheckWorkerAsync(w);
        }
    }

    private void CheckJob(JobRecord record, Job job)
    {
        if (job.Completion.Status != TaskStatus.RanToCompletion)
        {
            _run.Violate("completion-faulted", $"job {job.Id}'s Completion ended {job.Completion.Status}; it must never fault.");
            return;
        }

        var status = job.Completion.Result;
        var runs = _runsByJob[job.Id].ToList();
        if (status != job.Status)
        {
            _run.Violate("status", $"job {job.Id}'s Completion gave {status} but its Status is {job.Status}.");
        }

        if (job.DroppedMessages != job.DropsBySlot.Values.Sum())
        {
            _run.Violate("drop-count", $"job {job.Id}: DroppedMessages {job.DroppedMessages} but DropsBySlot sums to {job.DropsBySlot.Values.Sum()}.");
        }

        CheckCause(record, job, status, runs);
        CheckNothingUnsent(record, job, runs);
        if (status == JobStatus.Completed)
        {
            CheckCompleted(record, job, runs);
        }
    }

    /// <summary>A job that did not complete must have been stopped by something the scenario did.</summary>
    private void CheckCause(JobRecord record, Job job, JobStatus status, List<RunRecord> runs)
    {
        var spec = record.Spec;
        if (status == JobStatus.Cancelled)
        {
            var cause = record.HarnessCancelled || record.CallerCancelled || _run.WorkerCancelIssued[spec.Worker] || _run.DisposeIssued || _run.Probe.CancelledByHandler.ContainsKey(job.Id);
            if (!cause)
            {
                _run.Violate("cause", $"job {job.Id} ended Cancelled ({job.CancellationReason}) but nothing cancelled it.");
            }
        }
        else if (status == JobStatus.Failed)
        {
            switch (job.Error)
            {
                case TimeoutException when spec.TimeoutMs is not null:
                    break;
                case QueueFullException full when Spec.Node(int.Parse(full.RoutineId[1..], System.Globalization.CultureInfo.InvariantCulture)).Slots.Any(s => s.Name == full.SlotName && s.EffectivePolicy == QueueFullPolicy.Fail):
                    break;
                case RoutineFailedException { InnerException: ModelFaultException fault } failed:
                    var policy = Spec.Node(int.Parse(fault.RoutineId[1..], System.Globalization.CultureInfo.InvariantCulture)).EffectivePolicy(Spec.FlowPolicy);
                    if (policy.OnThrow(fault.Attempt) != ErrorStrategy.Stop || failed.JobId != job.Id || failed.RoutineId != fault.RoutineId)
                    {
                        _run.Violate("cause", $"job {job.Id} failed on {fault.Message}, but {fault.RoutineId}'s policy {policy} does not stop there (RoutineFailedException names {failed.RoutineId}, job {failed.JobId}).");
                    }

                    break;
                default:
                    _run.Violate("cause", $"job {job.Id} failed with {job.Error?.GetType().Name ?? "no error"}: {job.Error?.Message}");
                    break;
            }
        }
        else if (status == JobStatus.Completed)
        {
            foreach (var run in runs.Where(r => r.Error is ModelFaultException && Policy(r).OnThrow(r.Attempt) == ErrorStrategy.Stop))
            {
                _run.Violate("completed-despite-stop", $"job {job.Id} completed although {run.RoutineId} threw on '{run.Inputs[0].Path}' (attempt {run.Attempt}) under {Policy(run)}.");
            }

            foreach (var run in runs.Where(r => r.CancelledItsJob))
            {
                _run.Violate("completed-despite-cancel", $"job {job.Id} completed although {run.RoutineId} cancelled it while handling '{run.Inputs[0].Path}'.");
            }
        }
    }

    /// <summary>Whatever a job's handlers got, someone sent: the harness, or a handler of the same job.</summary>
    private void CheckNothingUnsent(JobRecord record, Job job, List<RunRecord> runs)
    {
        var sent = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (entry, token) in record.Posted)
        {
            sent.Add($"r{entry}.In {token.Path}");
        }

        foreach (var run in runs)
        {
            var from = int.Parse(run.RoutineId[1..], System.Globalization.CultureInfo.InvariantCulture);
            foreach (var edge in Spec.Edges.Where(e => e.From == from))
            {
                foreach (var token in run.Emitted)
                {
                    sent.Add($"r{edge.To}.{edge.ToSlot} {token.Path}");
                }
            }
        }

        foreach (var (slot, path) in runs.SelectMany(Handled).Distinct())
        {
            // An OpenJob input posted while the post was refused or cancelled may still have been queued, when the
            // refusal raced with the enqueue; only the paths of such inputs are exempt.
            if (!sent.Contains($"{slot} {path}") && !(path.StartsWith(job.Id + ":", StringComparison.Ordinal) && !path.Contains('>', StringComparison.Ordinal) && record.Spec.Method == StartMethod.OpenJob && record.Posted.Count < record.Spec.InputEntries.Length))
            {
                _run.Violate("unsent", $"{slot} handled '{path}' of job {job.Id}, which nothing sent to it.");
            }
        }
    }

    /// <summary>A completed job lost nothing uncounted: per slot, what arrived is what was handled plus what was dropped.</summary>
    private void CheckCompleted(JobRecord record, Job job, List<RunRecord> runs)
    {
        var arrivals = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string> At(string slot) => arrivals.TryGetValue(slot, out var list) ? list : arrivals[slot] = new List<string>();
        foreach (var (entry, token) in record.Posted)
        {
            At($"r{entry}.In").Add(token.Path);
        }

        foreach (var run in runs.Where(Delivered))
        {
            var from = int.Parse(run.RoutineId[1..], System.Globalization.CultureInfo.InvariantCulture);
            foreach (var edge in Spec.Edges.Where(e => e.From == from))
            {
                At($"r{edge.To}.{edge.ToSlot}").AddRange(run.Emitted.Select(t => t.Path));
            }
        }

        var handled = runs.SelectMany(Handled).Distinct().GroupBy(h => h.Slot, h => h.Path).ToDictionary(g => g.Key, g => g.ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var drops = job.DropsBySlot;
        foreach (var node in Spec.Nodes)
        {
            foreach (var slot in node.Slots)
            {
                var key = $"{node.Id}.{slot.Name}";
                var arrived = arrivals.GetValueOrDefault(key) ?? new List<string>();
                var got = handled.GetValueOrDefault(key) ?? new HashSet<string>(StringComparer.Ordinal);
                var dropped = drops.GetValueOrDefault(key);
                if (arrived.Count != got.Count + dropped)
                {
                    var missing = arrived.Except(got).Take(4);
                    _run.Violate("lost", $"completed job {job.Id}: {arrived.Count} message(s) arrived at {key}, {got.Count} handled, {dropped} counted dropped " +
                        $"(not handled: {string.Join(", ", missing)}); drops by slot: {Describe(drops)}.");
                }
            }

            if (node.Kind == NodeKind.Join)
            {
                var left = drops.GetValueOrDefault($"{node.Id}.Left");
                var right = drops.GetValueOrDefault($"{node.Id}.Right");
                if (left > 0 && right > 0)
                {
                    _run.Violate("join-unpaired", $"completed job {job.Id}: join {node.Id} dropped {left} Left and {right} Right message(s) as unpaired; they could have been paired.");
                }
            }
        }

        if (job.Errors.Count != runs.Count(r => r.Error is ModelFaultException && Policy(r).OnThrow(r.Attempt) is ErrorStrategy.Continue or ErrorStrategy.Skip))
        {
            _run.Violate("errors", $"completed job {job.Id} lists {job.Errors.Count} error(s); its handlers went on after {runs.Count(r => r.Error is ModelFaultException && Policy(r).OnThrow(r.Attempt) is ErrorStrategy.Continue or ErrorStrategy.Skip)}.");
        }

        if (Spec.AllSlotsWait)
        {
            CheckAgainstOracle(record, job, handled);
        }
    }

    /// <summary>With no policy that drops or refuses, a completed job's slots got exactly what the oracle says, once each.</summary>
    private void CheckAgainstOracle(JobRecord record, Job job, Dictionary<string, HashSet<string>> handled)
    {
        var prediction = ModelOracle.Predict(Spec, record.Posted);
        if (prediction.StopFailures.Count > 0 || prediction.SelfCancels.Count > 0)
        {
            _run.Violate("oracle-status", $"completed job {job.Id}, but the oracle says it must stop: {string.Join("; ", prediction.StopFailures.Concat(prediction.SelfCancels).Take(3))}.");
            return;
        }

        foreach (var node in Spec.Nodes)
        {
            var expected = node.Slots.ToDictionary(s => s.Name, s => prediction.At($"{node.Id}.{s.Name}"), StringComparer.Ordinal);
            foreach (var (slot, paths) in expected)
            {
                var key = $"{node.Id}.{slot}";
                var got = handled.GetValueOrDefault(key) ?? new HashSet<string>(StringComparer.Ordinal);
                var unpaired = node.Kind == NodeKind.Join
                    ? Math.Max(0, paths.Count - expected[slot == "Left" ? "Right" : "Left"].Count)
                    : 0;
                if (got.Count != paths.Count - unpaired || !got.IsSubsetOf(paths) || job.DropsBySlot.GetValueOrDefault(key) != unpaired)
                {
                    _run.Violate("oracle", $"completed job {job.Id}: {key} handled {got.Count} message(s) and dropped {job.DropsBySlot.GetValueOrDefault(key)}; " +
                        $"the oracle expects {paths.Count - unpaired} handled and {unpaired} unpaired (missing: {string.Join(", ", paths.Except(got).Take(4))}).");
                }
            }
        }
    }

    private async Task CheckWorkerAsync(int index)
    {
        var worker = _run.Workers[index];
        var records = _run.Jobs.Where(j => j.Spec.Worker == index).ToList();
        var seen = records.Where(r => r.Job is { Completion.IsCompleted: true }).Select(r => r.Job!.Completion.Result).ToList();
        if (records.Any(r => r.Job is { Completion.IsCompleted: false }))
        {
            return; // A hang was reported; counting now would only repeat it.
        }

        if (!await Eventually(() => worker.ActiveJobs.Count == 0))
        {
            _run.Violate("active-after-end", $"worker {worker.Id} still lists active jobs after every job the harness got ended: " +
                string.Join(", ", worker.ActiveJobs.Select(j => $"{j.Id} ({j.Status})")));
        }

        if (!await Eventually(() => worker.QueueStates.All(q => q.Length == 0)))
        {
            _run.Violate("queued-after-end", $"worker {worker.Id} still has queued messages after all its jobs ended: {ScenarioRun.DescribeQueues(worker)}.");
        }

        var completed = seen.Count(s => s == JobStatus.Completed);
        var failed = seen.Count(s => s == JobStatus.Failed);
        var cancelled = seen.Count(s => s == JobStatus.Cancelled);
        var slack = records.Count(r => r.MayBeUncounted);
        if (worker.JobsCompleted != completed || worker.JobsFailed < failed || worker.JobsCancelled < cancelled
            || worker.JobsProcessed > seen.Count + slack || worker.JobsProcessed < seen.Count)
        {
            _run.Violate("counters", $"worker {worker.Id} counts {worker.JobsCompleted} completed, {worker.JobsFailed} failed, {worker.JobsCancelled} cancelled " +
                $"({worker.JobsProcessed} processed); the harness saw {completed}, {failed}, {cancelled} and {slack} start(s) that threw after the job may have been opened.");
        }

        foreach (var queue in worker.QueueStates)
        {
            var node = Spec.Node(int.Parse(queue.RoutineId[1..], System.Globalization.CultureInfo.InvariantCulture));
            if (node.Kind == NodeKind.Join)
            {
                continue; // Its job drops include unpaired messages, which no queue counts.
            }

            var byJobs = records.Where(r => r.Job is not null).Sum(r => r.Job!.DropsBySlot.GetValueOrDefault($"{queue.RoutineId}.{queue.SlotName}"));
            if (slack == 0 ? queue.Dropped != byJobs : queue.Dropped < byJobs)
            {
                _run.Violate("drop-count", $"worker {worker.Id}: {queue.RoutineId}.{queue.SlotName} counts {queue.Dropped} drop(s), its jobs {byJobs}.");
            }
        }
    }

    /// <summary>Whether <paramref name="condition"/> holds within the bound (polled; it times nothing).</summary>
    private async Task<bool> Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + _run.Bound;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(5);
        }

        return true;
    }

    private PolicySpec Policy(RunRecord run) => Spec.Node(int.Parse(run.RoutineId[1..], System.Globalization.CultureInfo.InvariantCulture)).EffectivePolicy(Spec.FlowPolicy);

    /// <summary>Whether a run's emits went downstream: it returned, or it threw and its final strategy is Continue.</summary>
    private bool Delivered(RunRecord run) =>
        run.Error is null || run.Error is ModelFaultException && Policy(run).OnThrow(run.Attempt) == ErrorStrategy.Continue;

    private static IEnumerable<(string Slot, string Path)> Handled(RunRecord run)
    {
        if (run.Slot == "Pair")
        {
            yield return ($"{run.RoutineId}.Left", run.Inputs[0].Path);
            yield return ($"{run.RoutineId}.Right", run.Inputs[1].Path);
            yield break;
        }

        foreach (var token in run.Inputs)
        {
            yield return ($"{run.RoutineId}.In", token.Path);
        }
    }

    private static string Describe(IReadOnlyDictionary<string, long> drops) =>
        drops.Count == 0 ? "none" : string.Join(", ", drops.Select(d => $"{d.Key}={d.Value}"));
}
