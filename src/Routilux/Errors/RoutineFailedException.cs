namespace Routilux;

/// <summary>A slot handler threw: the error a job fails with under the Stop strategy. Names the flow, routine, slot and job.</summary>
public sealed class RoutineFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RoutineFailedException(string flowId, string routineId, string slotName, string jobId, Exception innerException)
        : base(
            $"Routine '{routineId}' failed handling slot '{slotName}' in flow '{flowId}' (job '{jobId}'): " +
            $"{innerException?.GetType().Name}: {innerException?.Message}",
            innerException)
    {
        FlowId = flowId;
        RoutineId = routineId;
        SlotName = slotName;
        JobId = jobId;
    }

    /// <summary>The id of the flow.</summary>
    public string FlowId { get; }

    /// <summary>The id of the routine whose handler threw.</summary>
    public string RoutineId { get; }

    /// <summary>The slot whose handler threw.</summary>
    public string SlotName { get; }

    /// <summary>The id of the job the message belonged to.</summary>
    public string JobId { get; }
}
