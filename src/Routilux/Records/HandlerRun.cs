namespace Routilux;

/// <summary>One handler run in a worker's execution history.</summary>
/// <param name="RoutineId">The routine.</param>
/// <param name="SlotName">The slot.</param>
/// <param name="JobId">The job of the message.</param>
/// <param name="StartedAt">When the run started.</param>
/// <param name="Duration">How long it ran; for a run timed with others (messages of one slot and job handled back to back with nothing delivered between them), an equal share of their measured time.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Attempt">1 for the first run of a message, 2 for its first retry, and so on.</param>
public readonly record struct HandlerRun(
    string RoutineId, string SlotName, string JobId, DateTimeOffset StartedAt, TimeSpan Duration, HandlerOutcome Outcome, int Attempt);
