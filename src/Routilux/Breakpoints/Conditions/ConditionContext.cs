using System.Text.Json;

namespace Routilux;

/// <summary>
/// What a <see cref="BreakpointCondition"/> reads: the held message's payload as JSON and the names around it.
/// A member left unset reads as <c>null</c> in the condition (<c>attempt</c> reads as 0).
/// </summary>
public readonly struct ConditionContext
{
    /// <summary>Creates a context over a payload.</summary>
    /// <param name="payload">The payload as the slot's serializer writes it.</param>
    public ConditionContext(JsonElement payload)
    {
        Payload = payload;
    }

    /// <summary>The payload, read by <c>payload</c> and <c>payload.a.b</c>. A default element reads as <c>null</c>.</summary>
    public JsonElement Payload { get; init; }

    /// <summary>The job's id, read by <c>job.id</c>.</summary>
    public string? JobId { get; init; }

    /// <summary>The worker's id, read by <c>worker</c>.</summary>
    public string? WorkerId { get; init; }

    /// <summary>The routine's id in its flow, read by <c>routine</c>.</summary>
    public string? RoutineId { get; init; }

    /// <summary>The slot's name, read by <c>slot</c>.</summary>
    public string? SlotName { get; init; }

    /// <summary>The handler's attempt at this message (1 for the first run, 2 for the first retry), read by <c>attempt</c>.</summary>
    public int Attempt { get; init; }
}
