namespace Routilux;

/// <summary>What happens when a slot handler throws. See docs/error-handling.md for when to use which.</summary>
public enum ErrorStrategy
{
    /// <summary>The job fails with the error (the default). Its remaining messages are dropped.</summary>
    Stop = 0,

    /// <summary>
    /// The error is recorded on the job, the routine is marked <see cref="RoutineState.ErrorContinued"/>, what the
    /// handler emitted before it threw is delivered, and the job goes on.
    /// </summary>
    Continue = 1,

    /// <summary>The handler runs again with the same payload, after a delay that grows by a backoff factor.</summary>
    Retry = 2,

    /// <summary>
    /// The message is dropped as if it never arrived: nothing the handler emitted is delivered, the routine is marked
    /// <see cref="RoutineState.Skipped"/>, the error is recorded on the job, and the job goes on.
    /// </summary>
    Skip = 3,
}
