namespace Routilux;

/// <summary>The state of a routine instance in a worker, after its latest handler run.</summary>
public enum RoutineState
{
    /// <summary>No handler has run yet.</summary>
    Idle = 0,

    /// <summary>A handler is running (or waiting for a retry or for queue room).</summary>
    Running = 1,

    /// <summary>The latest handler run succeeded.</summary>
    Completed = 2,

    /// <summary>The latest handler run failed and stopped its job.</summary>
    Failed = 3,

    /// <summary>The latest handler run failed under <see cref="ErrorStrategy.Continue"/>; its job went on.</summary>
    ErrorContinued = 4,

    /// <summary>The latest message was dropped under <see cref="ErrorStrategy.Skip"/>.</summary>
    Skipped = 5,
}
