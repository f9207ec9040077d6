namespace Routilux.Execution;

/// <summary>
/// What a checkpoint's cut took from a worker while dispatch was stopped and every cell held: routine states already
/// serialized (handlers change them as soon as dispatch resumes), messages as captured references, serialized after.
/// </summary>
internal sealed class WorkerCapture
{
    public required string WorkerId { get; init; }

    public required long Sequence { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required bool Paused { get; init; }

    public string? PauseReason { get; init; }

    public required long JobSequence { get; init; }

    /// <summary>Running jobs at the cut, oldest first; every captured message belongs to one of them.</summary>
    public required IReadOnlyList<Job> Jobs { get; init; }

    public required IReadOnlyList<RoutineCapture> Routines { get; init; }

    public required IReadOnlyList<HandlerRun> History { get; init; }
}

/// <summary>One routine at the cut.</summary>
internal sealed class RoutineCapture
{
    public required string Id { get; init; }

    public required string Type { get; init; }

    public required int StateVersion { get; init; }

    /// <summary>The state object's JSON, or <see langword="null"/> when the routine has no saved state.</summary>
    public byte[]? State { get; init; }

    public required IReadOnlyList<SlotCapture> Slots { get; init; }

    /// <summary>The message in hand that waited (for room, a retry, a resume), or <see langword="null"/>.</summary>
    public HandCapture? Hand { get; init; }
}

/// <summary>One slot at the cut: its running count of received messages, its queue, its activation buffer.</summary>
internal sealed class SlotCapture
{
    public required string Name { get; init; }

    public required long Received { get; init; }

    public required CapturedPayloads Queued { get; init; }

    /// <summary>Buffered messages (numbered by their sequence), or <see langword="null"/> for an immediate slot.</summary>
    public CapturedPayloads? Buffered { get; init; }

    /// <summary>When each job's buffered messages first arrived, as an age at the cut.</summary>
    public Dictionary<Job, TimeSpan>? Waited { get; init; }

    /// <summary>For an Interval slot, how long before the cut its handler last ran; <see langword="null"/> when never.</summary>
    public TimeSpan? SinceLastRun { get; init; }
}

/// <summary>
/// The message a held cell had in hand: its undelivered outbox, and what is still to run for it (a retry of the
/// message in hand, and the rest of its batch).
/// </summary>
internal sealed class HandCapture
{
    public required Job Job { get; init; }

    public required string Slot { get; init; }

    /// <summary>For a retry: the attempt that runs next; otherwise 1.</summary>
    public required int Attempt { get; init; }

    /// <summary>For a retry: the delay left at the cut; <see langword="null"/> when the message in hand has run.</summary>
    public TimeSpan? RetryIn { get; init; }

    /// <summary>For a retry: the message to run again (numbered by its sequence).</summary>
    public CapturedPayloads? Retry { get; init; }

    /// <summary>The rest of a batch in hand, still to run.</summary>
    public CapturedPayloads? BatchRest { get; init; }

    public required IReadOnlyList<OutboxCapture> Outbox { get; init; }
}

/// <summary>An event's undelivered messages.</summary>
/// <param name="Event">The event's name.</param>
/// <param name="Items">The messages, in emit order.</param>
/// <param name="FirstDeliveredTo">The targets ("routine.Slot") the first message already reached.</param>
internal sealed record OutboxCapture(string Event, CapturedPayloads Items, string[] FirstDeliveredTo);
