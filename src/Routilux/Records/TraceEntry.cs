namespace Routilux;

/// <summary>A line in a job's trace log, written with <see cref="RoutineContext.Trace(string)"/> or by the runtime.</summary>
/// <param name="At">When it was written.</param>
/// <param name="RoutineId">The routine that wrote it, or <see langword="null"/> for the runtime.</param>
/// <param name="Message">The text.</param>
public readonly record struct TraceEntry(DateTimeOffset At, string? RoutineId, string Message);
