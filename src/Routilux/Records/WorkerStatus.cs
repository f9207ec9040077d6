namespace Routilux;

/// <summary>The status of a <see cref="Worker"/>.</summary>
public enum WorkerStatus
{
    /// <summary>At least one job is running.</summary>
    Running = 0,

    /// <summary>No job is running; the worker accepts new ones.</summary>
    Idle = 1,

    /// <summary>Paused: messages are held in their queues until <see cref="Worker.Resume"/>.</summary>
    Paused = 2,

    /// <summary>Closed after its jobs finished (<see cref="Worker.CompleteAsync"/>, or an inactivity timeout while idle).</summary>
    Completed = 3,

    /// <summary>Closed by an inactivity timeout while jobs were still open; those jobs failed.</summary>
    Failed = 4,

    /// <summary>Cancelled, with its jobs.</summary>
    Cancelled = 5,
}
