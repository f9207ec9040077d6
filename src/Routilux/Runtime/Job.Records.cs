using System.Collections.Concurrent;
using Routilux.Observability;

namespace Routilux;

// What a job keeps about itself: a data bag, a trace log, the errors it went on after, and its drops.
public sealed partial class Job
{
    // The lock for the records below: the completion source, private and never locked elsewhere, rather than an
    // object of its own per job.
    private object RecordGate => _completion;
    private ConcurrentDictionary<string, object?>? _data;
    private List<TraceEntry>? _trace;
    private List<JobError>? _errors;
    private Dictionary<string, long>? _drops;
    private long _droppedMessages;

    /// <summary>
    /// A bag of values shared by every handler of this job (thread-safe): for results, correlation ids and the
    /// like. Seeded from <see cref="JobOptions.Data"/>.
    /// </summary>
    public ConcurrentDictionary<string, object?> Data
    {
        get
        {
            var data = Volatile.Read(ref _data);
            if (data is null)
            {
                Interlocked.CompareExchange(ref _data, new ConcurrentDictionary<string, object?>(StringComparer.Ordinal), null);
                data = _data!;
            }

            return data;
        }
    }

    /// <summary>The job's trace log, oldest first (a snapshot).</summary>
    public IReadOnlyList<TraceEntry> TraceLog
    {
        get
        {
            lock (RecordGate)
            {
                return _trace is null ? Array.Empty<TraceEntry>() : _trace.ToArray();
            }
        }
    }

    /// <summary>Errors the job went on after (Continue, Skip) and the one that failed it, oldest first (a snapshot).</summary>
    public IReadOnlyList<JobError> Errors
    {
        get
        {
            lock (RecordGate)
            {
                return _errors is null ? Array.Empty<JobError>() : _errors.ToArray();
            }
        }
    }

    /// <summary>How many of this job's messages a DropOldest or DropNewest queue policy dropped.</summary>
    public long DroppedMessages => Interlocked.Read(ref _droppedMessages);

    /// <summary>Drops by slot ("routine.Slot" → count), a snapshot.</summary>
    public IReadOnlyDictionary<string, long> DropsBySlot
    {
        get
        {
            lock (RecordGate)
            {
                return _drops is null ? new Dictionary<string, long>() : new Dictionary<string, long>(_drops);
            }
        }
    }

    /// <summary>Writes a line to the job's trace log.</summary>
    /// <param name="message">The text.</param>
    public void Trace(string message) => Trace(null, message);

    internal void Trace(string? routineId, string message)
    {
        var entry = new TraceEntry(Worker.Runtime.TimeProvider.GetUtcNow(), routineId, message);
        lock (RecordGate)
        {
            (_trace ??= new List<TraceEntry>()).Add(entry);
        }
    }

    internal void RecordError(JobError error)
    {
        lock (RecordGate)
        {
            (_errors ??= new List<JobError>()).Add(error);
        }
    }

    internal void RecordDrop(string routineId, string slotName)
    {
        Interlocked.Increment(ref _droppedMessages);
        RoutiluxLog.MessageDropped(Worker.Runtime.Loggers.Worker, routineId, slotName, Id);
        Worker.Runtime.Hooks?.Dropped(new MessageEvent(this, routineId, slotName));
        var key = $"{routineId}.{slotName}";
        lock (RecordGate)
        {
            _drops ??= new Dictionary<string, long>(StringComparer.Ordinal);
            _drops[key] = _drops.GetValueOrDefault(key) + 1;
        }
    }
}
