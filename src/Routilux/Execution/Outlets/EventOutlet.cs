namespace Routilux.Execution;

/// <summary>
/// One event of one routine instance: the slot queues it is connected to, and the outbox of what the running
/// handler emitted on it. The outbox is delivered when the handler returns (or at an async emit), so a handler
/// that throws has its emits discarded and never blocks a thread on a full queue.
/// </summary>
internal abstract class EventOutlet
{
    protected EventOutlet(RoutineCell owner, EventDescriptor @event)
    {
        Owner = owner;
        Event = @event;
    }

    /// <summary>The cell whose handlers emit on this outlet.</summary>
    public RoutineCell Owner { get; }

    /// <summary>The event this outlet sends.</summary>
    public EventDescriptor Event { get; }

    /// <summary>
    /// Delivers the outbox to every target without waiting. Progress is kept, so a call after a wait resumes
    /// where the last one stopped.
    /// </summary>
    /// <returns>
    /// <see langword="null"/> when everything was delivered; otherwise the full queue, with
    /// <paramref name="waiter"/> registered on it.
    /// </returns>
    public abstract SlotQueue? TryDeliver(Job job, SpaceWaiter waiter);

    /// <summary>
    /// A fused chain's usual case: when the outbox is for one idle target, claims that target and puts the message
    /// in its hand (or, for several messages, the whole outbox as a batch, when the target takes batches), for the
    /// caller to run next instead of calling it from here (see <see cref="RoutineCell"/>'s pass-on). The outbox is
    /// then empty.
    /// </summary>
    /// <returns>The claimed target cell, or <see langword="null"/> when the outbox must be delivered with <see cref="TryDeliver"/>.</returns>
    public abstract RoutineCell? TryPassOn(Job job);

    /// <summary>Forgets the outbox (the handler failed, or its job ended).</summary>
    public abstract void Discard();

    /// <summary>
    /// Marks where the next handler run's messages start: a batch keeps the messages of its earlier runs in the
    /// outbox, and a run that is retried or skipped must lose only its own (<see cref="DiscardSinceMark"/>).
    /// </summary>
    public abstract void Mark();

    /// <summary>Forgets the messages emitted since the last <see cref="Mark"/> (all of them when there was none).</summary>
    public abstract void DiscardSinceMark();

    /// <summary>Whether the outbox holds messages not yet delivered to every target.</summary>
    public abstract bool HasUndelivered { get; }

    /// <summary>
    /// A checkpoint's cut: the outbox's messages not yet delivered, in order, all of <paramref name="job"/>, and the
    /// targets ("routine.Slot") the first of them already reached. The checkpoint holds the cell.
    /// </summary>
    public abstract CapturedPayloads CaptureOutbox(Job job, out string[] firstDeliveredTo);

    /// <summary>Resuming: puts saved undelivered messages back in the outbox, the first already delivered to <paramref name="firstDeliveredTo"/>.</summary>
    public abstract void RestoreOutbox(IReadOnlyList<System.Text.Json.JsonElement> payloads, IReadOnlyList<string> firstDeliveredTo, string path);
}
