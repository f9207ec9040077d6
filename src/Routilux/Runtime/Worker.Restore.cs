using System.Text.Json;
using Routilux.Execution;

namespace Routilux;

// Resuming from a checkpoint (Runtime.ResumeWorkerAsync): a new worker, whose cells are all claimed by the restorer
// (the cell's E8), gets back its jobs, routine states, queued, buffered and waiting messages, received counts and
// history; then the cells are released, which starts dispatch, and the restorer's count on each job is given back.
public sealed partial class Worker
{
    /// <summary>Puts <paramref name="checkpoint"/> back into this new worker and starts it. The flow's structure was checked.</summary>
    internal void Restore(ParsedCheckpoint checkpoint)
    {
        var body = checkpoint.Body;
        foreach (var cell in _cells)
        {
            cell.ClaimForRestore();
        }

        _checkpointSequence = checkpoint.Sequence;
        _lastCheckpointSequence = checkpoint.Sequence;
        _jobSequence = body.GetProperty("jobSequence").GetInt64();
        var jobs = RestoreJobs(body.GetProperty("jobs"));
        var counts = jobs.Values.ToDictionary(j => j, _ => new RestoredCounts());
        var routines = body.GetProperty("routines");
        for (var r = 0; r < routines.GetArrayLength(); r++)
        {
            RestoreRoutine(routines[r], $"$.body.routines[{r}]", jobs, counts);
        }

        RestoreHistory(body.GetProperty("history"));
        foreach (var (job, count) in counts)
        {
            if (count.Pending > 0)
            {
                job.AddPending(count.Pending);
            }

            job.RestoreParked(count.Parked, count.ParkedInJoins);
        }

        if (body.GetProperty("paused").GetBoolean())
        {
            Pause(body.TryGetProperty("pauseReason", out var reason) ? reason.GetString() : null);
        }

        foreach (var job in jobs.Values)
        {
            job.Begin(CancellationToken.None);
        }

        // Dispatch starts here: idle cells give their claim up (scheduling what is queued), waiting messages go on.
        foreach (var cell in _cells)
        {
            cell.ReleaseRestored();
        }

        // The restorer's count: a job with nothing left finishes now, one with only buffered messages flushes them.
        foreach (var job in jobs.Values)
        {
            job.ReleasePending();
        }
    }

    private Dictionary<string, Job> RestoreJobs(JsonElement saved)
    {
        var jobs = new Dictionary<string, Job>(StringComparer.Ordinal);
        foreach (var element in saved.EnumerateArray())
        {
            var id = element.GetProperty("id").GetString()!;
            TimeSpan? timeout = element.TryGetProperty("timeoutTicks", out var ticks) ? TimeSpan.FromTicks(ticks.GetInt64()) : null;
            var data = element.GetProperty("data").EnumerateObject().ToDictionary(p => p.Name, p => JobDataJson.Read(p.Value), StringComparer.Ordinal);
            var job = new Job(this, id, element.GetProperty("startedAt").GetDateTimeOffset(), timeout, element.GetProperty("inputOpen").GetBoolean(), data);
            jobs.Add(id, job);
            _activeJobs[id] = job;
        }

        return jobs;
    }

    private void RestoreRoutine(JsonElement saved, string path, Dictionary<string, Job> jobs, Dictionary<Job, RestoredCounts> counts)
    {
        var id = saved.GetProperty("id").GetString()!;
        var routine = Flow.FindRoutine(id)!;
        var cell = _cells[routine.Index];
        var descriptor = routine.Descriptor;
        if (saved.TryGetProperty("state", out var state))
        {
            CheckpointState.ReadInto(cell.Instance, descriptor, state, saved.GetProperty("stateVersion").GetInt32(), id, $"checkpoint {_checkpointSequence} of worker '{Id}'");
        }

        var slots = saved.GetProperty("slots");
        for (var s = 0; s < slots.GetArrayLength(); s++)
        {
            var slot = slots[s];
            var slotPath = $"{path}.slots[{s}]";
            var index = descriptor.FindSlot(slot.GetProperty("name").GetString()!)!.Index;
            var queue = cell.Queue(index);
            cell.RestoreReceived(index, slot.GetProperty("received").GetInt64());
            var queued = slot.GetProperty("queued");
            for (var m = 0; m < queued.GetArrayLength(); m++)
            {
                var job = FindJob(jobs, queued[m], $"{slotPath}.queued[{m}]");
                queue.RestoreQueued(queued[m].GetProperty("payload"), job, $"{slotPath}.queued[{m}].payload");
                counts[job].Pending++;
            }

            if (slot.TryGetProperty("buffered", out var buffered))
            {
                RestoreBuffered(cell, index, slot, buffered, slotPath, jobs, counts);
            }
        }

        if (saved.TryGetProperty("hand", out var hand))
        {
            RestoreHand(cell, descriptor, hand, $"{path}.hand", jobs, counts);
        }
    }

    private void RestoreBuffered(
        RoutineCell cell, int index, JsonElement slot, JsonElement buffered, string slotPath, Dictionary<string, Job> jobs, Dictionary<Job, RestoredCounts> counts)
    {
        var buffer = cell.Buffer(index) ?? throw new RoutiluxSerializationException(
            $"The checkpoint of worker '{Id}' holds buffered messages for '{cell.RoutineId}.{cell.Queue(index).Slot.Name}' (at {slotPath}), whose activation " +
            "is Immediate in this build. Resume with the activation the slot had when the checkpoint was taken, and change it once the worker drained.");
        var now = Runtime.TimeProvider.GetTimestamp();
        var waitedByJob = new Dictionary<Job, TimeSpan>();
        for (var m = 0; m < buffered.GetArrayLength(); m++)
        {
            var item = buffered[m];
            var job = FindJob(jobs, item, $"{slotPath}.buffered[{m}]");
            var waited = TimeSpan.FromTicks(item.GetProperty("waitedTicks").GetInt64());
            waitedByJob.TryAdd(job, waited);
            var firstArrival = now - (long)(waited.TotalSeconds * Runtime.TimeProvider.TimestampFrequency);
            buffer.Restore(item.GetProperty("payload"), item.GetProperty("sequence").GetInt64(), job, firstArrival, $"{slotPath}.buffered[{m}].payload");
            var count = counts[job];
            count.Pending++;
            count.Parked++;
            if (buffer is JoinSlotBuffer)
            {
                count.ParkedInJoins++;
            }
        }

        TimeSpan? sinceLastRun = slot.TryGetProperty("sinceLastRunTicks", out var since) ? TimeSpan.FromTicks(since.GetInt64()) : null;
        foreach (var (job, waited) in waitedByJob)
        {
            cell.RestoreBufferTimers(index, job, waited, sinceLastRun);
        }
    }

    private void RestoreHand(RoutineCell cell, RoutineDescriptor descriptor, JsonElement hand, string path, Dictionary<string, Job> jobs, Dictionary<Job, RestoredCounts> counts)
    {
        var job = FindJob(jobs, hand, path);
        var slot = descriptor.FindSlot(hand.GetProperty("slot").GetString()!)!.Index;
        var queue = cell.Queue(slot);
        var hasRetry = hand.TryGetProperty("retry", out var retry);
        TimeSpan? retryIn = hasRetry ? TimeSpan.FromTicks(hand.GetProperty("retryInTicks").GetInt64()) : null;
        cell.RestoreHand(job, slot, hand.GetProperty("attempt").GetInt32(), retryIn);
        if (hasRetry)
        {
            queue.RestoreInHand(retry, $"{path}.retry");
        }

        if (hand.TryGetProperty("batchRest", out var rest))
        {
            queue.RestoreBatchRest(rest.EnumerateArray().ToList(), $"{path}.batchRest");
        }

        var outbox = hand.GetProperty("outbox");
        for (var o = 0; o < outbox.GetArrayLength(); o++)
        {
            var item = outbox[o];
            var @event = descriptor.FindEvent(item.GetProperty("event").GetString()!)!;
            cell.Outlet(@event.Index).RestoreOutbox(
                item.GetProperty("payloads").EnumerateArray().ToList(),
                item.GetProperty("deliveredTo").EnumerateArray().Select(e => e.GetString()!).ToList(),
                $"{path}.outbox[{o}].payloads");
        }

        // The message in hand holds a count of its own, as it did while it waited (C5); it covers the batch's rest.
        counts[job].Pending++;
    }

    private void RestoreHistory(JsonElement history)
    {
        var clock = Runtime.TimeProvider;
        var now = clock.GetUtcNow();
        var nowTimestamp = clock.GetTimestamp();
        foreach (var run in history.EnumerateArray())
        {
            if (Flow.FindRoutine(run.GetProperty("routine").GetString()!) is not { } routine
                || routine.Descriptor.FindSlot(run.GetProperty("slot").GetString()!) is not { } slot)
            {
                continue;
            }

            var startedAgo = now - run.GetProperty("startedAt").GetDateTimeOffset();
            var started = nowTimestamp - (long)(startedAgo.TotalSeconds * clock.TimestampFrequency);
            var ended = started + (long)(TimeSpan.FromTicks(run.GetProperty("durationTicks").GetInt64()).TotalSeconds * clock.TimestampFrequency);
            _cells[routine.Index].History.RecordRestored(
                slot.Index, run.GetProperty("job").GetString()!, started, ended,
                Enum.Parse<HandlerOutcome>(run.GetProperty("outcome").GetString()!), run.GetProperty("attempt").GetInt32());
        }
    }

    private Job FindJob(Dictionary<string, Job> jobs, JsonElement message, string path)
    {
        var id = message.GetProperty("job").GetString()!;
        return jobs.TryGetValue(id, out var job) ? job : throw new RoutiluxSerializationException(
            $"The checkpoint of worker '{Id}' holds a message of job '{id}' (at {path}) that is not among its jobs; the document is inconsistent. " +
            "Resume from an earlier checkpoint of the worker, or delete its checkpoints and start it afresh.");
    }

    /// <summary>What the restored messages of one job add up to.</summary>
    private sealed class RestoredCounts
    {
        public int Pending;
        public int Parked;
        public int ParkedInJoins;
    }
}
