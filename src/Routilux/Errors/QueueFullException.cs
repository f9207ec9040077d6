namespace Routilux;

/// <summary>A message arrived at a full slot queue whose policy is <see cref="QueueFullPolicy.Fail"/>.</summary>
public sealed class QueueFullException : Exception
{
    /// <summary>Creates the exception.</summary>
    public QueueFullException(string flowId, string routineId, string slotName, int capacity)
        : base($"Slot '{routineId}.{slotName}' of flow '{flowId}' is full ({capacity} messages) and its queue policy is Fail. " +
            "Raise its capacity, make the consumer faster, or choose Wait or a Drop policy.")
    {
        FlowId = flowId;
        RoutineId = routineId;
        SlotName = slotName;
        Capacity = capacity;
    }

    /// <summary>The flow's id.</summary>
    public string FlowId { get; }

    /// <summary>The routine whose slot was full.</summary>
    public string RoutineId { get; }

    /// <summary>The slot that was full.</summary>
    public string SlotName { get; }

    /// <summary>The slot's capacity.</summary>
    public int Capacity { get; }
}
