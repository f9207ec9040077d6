namespace Routilux;

/// <summary>How one handler run ended, as recorded in a worker's execution history.</summary>
public enum HandlerOutcome
{
    /// <summary>The handler returned normally.</summary>
    Completed = 0,

    /// <summary>The handler threw and its job failed.</summary>
    Failed = 1,

    /// <summary>The handler threw and will run again (retry).</summary>
    Retried = 2,

    /// <summary>The handler threw; the error was recorded and the job went on.</summary>
    ErrorContinued = 3,

    /// <summary>The handler threw; the message was dropped and the job went on.</summary>
    Skipped = 4,

    /// <summary>The handler stopped because its job was cancelled.</summary>
    Cancelled = 5,
}
