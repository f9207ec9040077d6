namespace Routilux;

/// <summary>One message emitted, queued or dropped, as passed to <see cref="RoutiluxHooks"/>' per-message callbacks.</summary>
public readonly struct MessageEvent
{
    internal MessageEvent(Job job, string routineId, string portName)
    {
        Job = job;
        RoutineId = routineId;
        PortName = portName;
    }

    /// <summary>The job the message belongs to.</summary>
    public Job Job { get; }

    /// <summary>The routine that emitted the message (emit) or whose slot received it (enqueue, drop).</summary>
    public string RoutineId { get; }

    /// <summary>The event's name (emit) or the slot's name (enqueue, drop).</summary>
    public string PortName { get; }

    /// <inheritdoc />
    public override string ToString() => $"{RoutineId}.{PortName} job {Job.Id}";
}
