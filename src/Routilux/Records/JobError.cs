namespace Routilux;

/// <summary>An error recorded on a job: a handler failure that was continued, skipped, or stopped the job.</summary>
/// <param name="RoutineId">The routine whose handler threw.</param>
/// <param name="SlotName">The slot.</param>
/// <param name="Error">The exception the handler threw.</param>
/// <param name="Strategy">The strategy that was applied in the end (after any retries).</param>
/// <param name="Attempts">How many times the handler ran for this message.</param>
/// <param name="At">When it was recorded.</param>
public sealed record JobError(string RoutineId, string SlotName, Exception Error, ErrorStrategy Strategy, int Attempts, DateTimeOffset At);
