namespace Routilux.Tests.Model;

/// <summary>What the harness did to one job and what it got back.</summary>
internal sealed class JobRecord
{
    public JobRecord(JobSpec spec) => Spec = spec;

    public JobSpec Spec { get; }

    /// <summary>The job, once a start method returned it (or OpenJob made it).</summary>
    public Job? Job { get; set; }

    /// <summary>The inputs whose post returned normally, with the entry node each went to.</summary>
    public List<(int Entry, ModelToken Token)> Posted { get; } = new();

    public CancellationTokenSource? CallerToken { get; set; }

    public volatile bool HarnessCancelled;
    public volatile bool CallerCancelled;
    public volatile bool StartIssued;

    /// <summary>A start that threw after the runtime may have opened the job, so the worker may count a job the harness never got.</summary>
    public volatile bool MayBeUncounted;
}

/// <summary>
/// Starts one job the way its spec says (<c>StartAsync</c>, <c>RunAsync</c>, or <c>OpenJob</c> + <c>PostAsync</c> +
/// <c>CompleteInput</c>) and judges every exception that reaches the caller against the documented ones.
/// </summary>
internal sealed class JobDriver
{
    private readonly ScenarioRun _run;

    public JobDriver(ScenarioRun run) => _run = run;

    public async Task StartAsync(JobRecord record)
    {
        var spec = record.Spec;
        if (spec.DelayMs > 0)
        {
            await Task.Delay(spec.DelayMs);
        }

        if (spec.CallerToken)
        {
            record.CallerToken = new CancellationTokenSource();
        }

        var worker = _run.Workers[spec.Worker];
        var options = new JobOptions { Id = spec.Id, Timeout = spec.TimeoutMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null };
        var cancellation = record.CallerToken?.Token ?? default;
        record.StartIssued = true;
        try
        {
            switch (spec.Method)
            {
                case StartMethod.StartAsync:
                {
                    var token = Input(spec, 0);
                    record.Job = await worker.StartAsync(_run.Flow.Entry(spec.InputEntries[0]), token, options, cancellation);
                    record.Posted.Add((spec.InputEntries[0], token));
                    break;
                }

                case StartMethod.RunAsync:
                {
                    var token = Input(spec, 0);
                    var job = await worker.RunAsync(_run.Flow.Entry(spec.InputEntries[0]), token, options, cancellation);
                    record.Job = job;
                    record.Posted.Add((spec.InputEntries[0], token));
                    if (!job.Completion.IsCompleted)
                    {
                        _run.Violate("run-returned-early", $"RunAsync returned job {job.Id} ({job.Status}) before its Completion completed.");
                    }

                    break;
                }

                default:
                    await OpenAndPostAsync(record, worker, options, cancellation);
                    break;
            }
        }
        catch (Exception ex)
        {
            JudgeStartError(record, ex);
        }
    }

    private async Task OpenAndPostAsync(JobRecord record, Worker worker, JobOptions options, CancellationToken cancellation)
    {
        var spec = record.Spec;
        var job = worker.OpenJob(options, cancellation);
        record.Job = job;
        try
        {
            for (var i = 0; i < spec.InputEntries.Length; i++)
            {
                var token = Input(spec, i);
                try
                {
                    await job.PostAsync(_run.Flow.Entry(spec.InputEntries[i]), token, cancellation);
                    record.Posted.Add((spec.InputEntries[i], token));
                }
                catch (Exception ex)
                {
                    if (!JudgePostError(record, spec.InputEntries[i], ex))
                    {
                        break;
                    }
                }

                // Lets other jobs' posts in between, so jobs interleave in the entry queues.
                if ((i + spec.Index) % 2 == 0)
                {
                    await Task.Yield();
                }
            }
        }
        finally
        {
            job.CompleteInput();
        }
    }

    private static ModelToken Input(JobSpec spec, int index) => new(spec.Id, $"{spec.Id}:{index}", spec.Hold);

    private void JudgeStartError(JobRecord record, Exception ex)
    {
        var spec = record.Spec;
        var entry = _run.Spec.Node(spec.InputEntries[0]);
        switch (ex)
        {
            case ObjectDisposedException when _run.DisposeIssued:
                return;
            case InvalidOperationException when _run.WorkerCancelIssued[spec.Worker] || _run.DisposeIssued:
                return;
            case QueueFullException when entry.Slots[0].EffectivePolicy == QueueFullPolicy.Fail:
                record.MayBeUncounted = true;
                return;
            case OperationCanceledException when record.CallerCancelled:
                record.MayBeUncounted = true;
                return;
        }

        record.MayBeUncounted = true;
        _run.Violate("start-threw", $"{spec.Method} of job {spec.Id} threw {ex.GetType().Name}: {ex.Message} " +
            $"(job status {StatusOf(spec)}; disposed {_run.DisposeIssued}, worker cancelled {_run.WorkerCancelIssued[spec.Worker]}, caller token cancelled {record.CallerCancelled}).");
    }

    /// <returns>Whether to go on posting the job's other inputs.</returns>
    private bool JudgePostError(JobRecord record, int entry, Exception ex)
    {
        var job = record.Job!;
        var stopped = job.Status is JobStatus.Failed or JobStatus.Cancelled;
        switch (ex)
        {
            case ObjectDisposedException when _run.DisposeIssued:
                return false;
            case InvalidOperationException when stopped:
                return false;
            case QueueFullException when _run.Spec.Node(entry).Slots[0].EffectivePolicy == QueueFullPolicy.Fail:
                return true;
            case OperationCanceledException when stopped || record.CallerCancelled:
                return false;
        }

        _run.Violate("post-threw", $"PostAsync of job {job.Id} to r{entry} threw {ex.GetType().Name}: {ex.Message} (job status {job.Status}).");
        return false;
    }

    private string StatusOf(JobSpec spec) =>
        _run.Workers[spec.Worker].ActiveJobs.FirstOrDefault(j => j.Id == spec.Id)?.Status.ToString() ?? "not active";
}
