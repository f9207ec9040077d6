using Microsoft.Extensions.Logging;

namespace Routilux.Observability;

// Every log message the runtime writes, source-generated: each checks IsEnabled before formatting, so with no logger
// factory (NullLogger) a call costs one interface call and allocates nothing. The event ids are a public contract:
// never renumber or reuse one (docs/observability.md, "Logging", lists them). Ranges: 1000 jobs, 1100 handlers and
// messages, 1200 workers, 1300 hooks.
internal static partial class RoutiluxLog
{
    [LoggerMessage(EventId = 1000, EventName = "JobStarted", Level = LogLevel.Debug,
        Message = "Job {JobId} started in worker {WorkerId} (flow {FlowId}).")]
    public static partial void JobStarted(ILogger logger, string jobId, string workerId, string flowId);

    [LoggerMessage(EventId = 1001, EventName = "JobCompleted", Level = LogLevel.Debug,
        Message = "Job {JobId} completed in worker {WorkerId} (flow {FlowId}).")]
    public static partial void JobCompleted(ILogger logger, string jobId, string workerId, string flowId);

    [LoggerMessage(EventId = 1002, EventName = "JobFailed", Level = LogLevel.Warning,
        Message = "Job {JobId} failed in worker {WorkerId} (flow {FlowId}).")]
    public static partial void JobFailed(ILogger logger, Exception? error, string jobId, string workerId, string flowId);

    [LoggerMessage(EventId = 1003, EventName = "JobCancelled", Level = LogLevel.Information,
        Message = "Job {JobId} was cancelled in worker {WorkerId} (flow {FlowId}): {Reason}")]
    public static partial void JobCancelled(ILogger logger, string jobId, string workerId, string flowId, string? reason);

    [LoggerMessage(EventId = 1004, EventName = "JobTimedOut", Level = LogLevel.Warning,
        Message = "Job {JobId} in worker {WorkerId} (flow {FlowId}) timed out after {TimeoutMs} ms and is stopped.")]
    public static partial void JobTimedOut(ILogger logger, string jobId, string workerId, string flowId, double timeoutMs);

    [LoggerMessage(EventId = 1100, EventName = "HandlerFailed", Level = LogLevel.Error,
        Message = "Handler {RoutineId}.{SlotName} failed for job {JobId} (attempt {Attempt}); the error policy applies {Strategy}.")]
    public static partial void HandlerFailed(ILogger logger, Exception error, string routineId, string slotName, string jobId, int attempt, ErrorStrategy strategy);

    [LoggerMessage(EventId = 1101, EventName = "RetryScheduled", Level = LogLevel.Warning,
        Message = "Handler {RoutineId}.{SlotName} failed for job {JobId} (attempt {Attempt}); retrying in {DelayMs} ms.")]
    public static partial void RetryScheduled(ILogger logger, Exception error, string routineId, string slotName, string jobId, int attempt, double delayMs);

    [LoggerMessage(EventId = 1102, EventName = "MessageDropped", Level = LogLevel.Warning,
        Message = "A message of job {JobId} for {RoutineId}.{SlotName} was dropped (queue full under a drop policy, or an unpaired join message).")]
    public static partial void MessageDropped(ILogger logger, string routineId, string slotName, string jobId);

    [LoggerMessage(EventId = 1200, EventName = "WorkerPaused", Level = LogLevel.Information,
        Message = "Worker {WorkerId} (flow {FlowId}) paused: {Reason}")]
    public static partial void WorkerPaused(ILogger logger, string workerId, string flowId, string reason);

    [LoggerMessage(EventId = 1201, EventName = "WorkerResumed", Level = LogLevel.Information,
        Message = "Worker {WorkerId} (flow {FlowId}) resumed.")]
    public static partial void WorkerResumed(ILogger logger, string workerId, string flowId);

    // Information, not Warning: disposing a runtime cancels its workers, which is how every run ends.
    [LoggerMessage(EventId = 1202, EventName = "WorkerCancelled", Level = LogLevel.Information,
        Message = "Worker {WorkerId} (flow {FlowId}) was cancelled: {Reason}")]
    public static partial void WorkerCancelled(ILogger logger, string workerId, string flowId, string reason);

    [LoggerMessage(EventId = 1203, EventName = "WorkerTimedOut", Level = LogLevel.Warning,
        Message = "Worker {WorkerId} (flow {FlowId}) had no activity for {TimeoutMs} ms (its inactivity timeout) and was closed.")]
    public static partial void WorkerTimedOut(ILogger logger, string workerId, string flowId, double timeoutMs);

    [LoggerMessage(EventId = 1204, EventName = "CheckpointFailed", Level = LogLevel.Error,
        Message = "An automatic checkpoint of worker {WorkerId} (flow {FlowId}) failed; the worker goes on and the next one tries again.")]
    public static partial void CheckpointFailed(ILogger logger, Exception error, string workerId, string flowId);

    [LoggerMessage(EventId = 1300, EventName = "HookFailed", Level = LogLevel.Error,
        Message = "Hook {HookType}.{Callback} threw; the exception was caught and the flow goes on.")]
    public static partial void HookFailed(ILogger logger, Exception error, string hookType, string callback);
}
