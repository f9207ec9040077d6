namespace Routilux.Execution;

/// <summary>
/// The handler runs of one routine instance, in a ring of fixed size. One ring per cell keeps recording free of
/// contention (only the cell writes); <see cref="Worker.History"/> merges the rings when asked.
/// </summary>
internal sealed class ExecutionHistory
{
    private readonly Entry[] _ring;
    private readonly object _gate = new();
    private int _next;
    private int _count;

    public ExecutionHistory(int capacity) => _ring = new Entry[capacity];

    public void Record(int slot, Job job, long startedAt, long endedAt, HandlerOutcome outcome, int attempt)
    {
        lock (_gate)
        {
            _ring[_next] = new Entry(slot, job.Id, startedAt, endedAt, outcome, attempt);
            _next = _next + 1 == _ring.Length ? 0 : _next + 1;
            if (_count < _ring.Length)
            {
                _count++;
            }
        }
    }

    /// <summary>Copies the runs into <paramref name="into"/>, converting timestamps to wall-clock times.</summary>
    public void CopyTo(List<HandlerRun> into, RoutineCell cell, TimeProvider clock, DateTimeOffset now, long nowTimestamp)
    {
        lock (_gate)
        {
            var start = _count < _ring.Length ? 0 : _next;
            for (var i = 0; i < _count; i++)
            {
                var entry = _ring[(start + i) % _ring.Length];
                var startedAt = now - clock.GetElapsedTime(entry.StartedAt, nowTimestamp);
                var duration = clock.GetElapsedTime(entry.StartedAt, entry.EndedAt);
                into.Add(new HandlerRun(cell.RoutineId, cell.Routine.Descriptor.Slots[entry.Slot].Name, entry.JobId, startedAt, duration, entry.Outcome, entry.Attempt));
            }
        }
    }

    private readonly record struct Entry(int Slot, string JobId, long StartedAt, long EndedAt, HandlerOutcome Outcome, int Attempt);
}
