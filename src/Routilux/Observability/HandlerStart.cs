namespace Routilux;

/// <summary>A handler run about to start, as passed to <see cref="RoutiluxHooks.OnHandlerStarting"/>.</summary>
public readonly struct HandlerStart
{
    internal HandlerStart(Job job, string routineId, string slotName, int attempt)
    {
        Job = job;
        RoutineId = routineId;
        SlotName = slotName;
        Attempt = attempt;
    }

    /// <summary>The job of the message being handled.</summary>
    public Job Job { get; }

    /// <summary>The id of the routine in its flow.</summary>
    public string RoutineId { get; }

    /// <summary>The name of the slot whose handler runs.</summary>
    public string SlotName { get; }

    /// <summary>1 for the first run of the message, 2 for its first retry, and so on.</summary>
    public int Attempt { get; }

    /// <inheritdoc />
    public override string ToString() => $"{RoutineId}.{SlotName} job {Job.Id} attempt {Attempt}";
}
