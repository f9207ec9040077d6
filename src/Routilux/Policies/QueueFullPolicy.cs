namespace Routilux;

/// <summary>What happens when a message arrives at a slot whose queue is full.</summary>
public enum QueueFullPolicy
{
    /// <summary>The emitter waits, asynchronously, until there is room (the default). Nothing is lost.</summary>
    Wait = 0,

    /// <summary>The emitting job fails with a <see cref="QueueFullException"/> naming the slot and its capacity.</summary>
    Fail = 1,

    /// <summary>The oldest queued message is dropped to make room; counted on its job and the slot.</summary>
    DropOldest = 2,

    /// <summary>The arriving message is dropped; counted on its job and the slot.</summary>
    DropNewest = 3,
}
