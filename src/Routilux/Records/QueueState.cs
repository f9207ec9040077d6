namespace Routilux;

/// <summary>How full a slot queue is, as a level: what dashboards colour and custom activations test.</summary>
public enum PressureLevel
{
    /// <summary>Under half full.</summary>
    Low = 0,

    /// <summary>Half full or more.</summary>
    Medium = 1,

    /// <summary>80 % full or more (the Python original's watermark).</summary>
    High = 2,

    /// <summary>Full: the next message waits, fails or drops, by the slot's policy.</summary>
    Critical = 3,
}

/// <summary>A snapshot of one slot queue.</summary>
/// <param name="RoutineId">The routine.</param>
/// <param name="SlotName">The slot.</param>
/// <param name="Length">Messages queued (not counting one being handled).</param>
/// <param name="Capacity">The most the queue holds.</param>
/// <param name="Policy">What happens when it is full.</param>
/// <param name="Dropped">Messages dropped by a Drop policy since the worker started.</param>
public readonly record struct QueueState(string RoutineId, string SlotName, int Length, int Capacity, QueueFullPolicy Policy, long Dropped)
{
    /// <summary>The pressure level of <see cref="Length"/> against <see cref="Capacity"/>.</summary>
    public PressureLevel Pressure => LevelOf(Length, Capacity);

    /// <summary>The pressure level of a queue holding <paramref name="length"/> of <paramref name="capacity"/>.</summary>
    public static PressureLevel LevelOf(int length, int capacity) =>
        length >= capacity ? PressureLevel.Critical
        : length * 5 >= capacity * 4 ? PressureLevel.High
        : length * 2 >= capacity ? PressureLevel.Medium
        : PressureLevel.Low;
}
