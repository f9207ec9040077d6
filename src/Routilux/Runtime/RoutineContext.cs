using Routilux.Execution;

namespace Routilux;

/// <summary>
/// What a handler knows about the message it is handling: the job it belongs to, the worker and the routine.
/// A slot method receives it by declaring a parameter of this type. It is a small struct; taking it allocates nothing.
/// </summary>
public readonly struct RoutineContext
{
    private readonly RoutineCell _cell;
    private readonly Job _job;

    internal RoutineContext(RoutineCell cell, Job job)
    {
        _cell = cell;
        _job = job;
    }

    /// <summary>The job the current message belongs to.</summary>
    public Job Job => _job ?? throw NotInHandler();

    /// <summary>The worker (live flow instance) running the routine.</summary>
    public Worker Worker => Cell.Worker;

    /// <summary>The id of the flow the worker runs.</summary>
    public string FlowId => Cell.Worker.Flow.Id;

    /// <summary>The id of the routine in its flow.</summary>
    public string RoutineId => Cell.RoutineId;

    /// <summary>The name of the slot whose handler is running.</summary>
    public string SlotName => Cell.CurrentSlotName;

    /// <summary>
    /// A stable id of the message being handled, for idempotent side effects outside the flow: the same for every
    /// retry of the message and after a checkpoint and resume (a message the crashed process may already have handled
    /// gets the same id when it runs again). It is "worker/routine/slot/n", n being the message's number among those
    /// the slot received; for a batch or a join, its first message's. Built when asked for, so a handler that never
    /// asks pays nothing. See docs/durable-state.md, "Checkpoints and the guarantee", for when ids repeat.
    /// </summary>
    public string MessageId => Cell.MessageIdOfHand();

    /// <summary>
    /// A logger for the handler, from <see cref="RuntimeOptions.LoggerFactory"/>, whose category is the routine class's
    /// full name (as <c>ILogger&lt;TRoutine&gt;</c> would have). Logs nothing when the runtime has no logger factory.
    /// </summary>
    public Microsoft.Extensions.Logging.ILogger Logger => Cell.Logger;

    /// <summary>Signalled when the job or the worker is cancelled, fails or times out.</summary>
    public CancellationToken CancellationToken => Job.CancellationToken;

    /// <summary>The job's data bag, shared by every handler of the job.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, object?> Data => Job.Data;

    /// <summary>Writes a line to the job's trace log, tagged with this routine's id.</summary>
    /// <param name="message">The text.</param>
    public void Trace(string message) => Job.Trace(RoutineId, message);

    /// <summary>
    /// A snapshot of one of this routine's slot queues: length, capacity and pressure. The same as
    /// <see cref="Worker.GetQueueState(string, string)"/> for this routine.
    /// </summary>
    /// <param name="slotName">The slot's name.</param>
    /// <returns>The queue's state now.</returns>
    public QueueState GetQueueState(string slotName) => Worker.GetQueueState(RoutineId, slotName);

    private RoutineCell Cell => _cell ?? throw NotInHandler();

    private static InvalidOperationException NotInHandler() =>
        new("This RoutineContext is empty: contexts are only valid when passed to a slot handler by the runtime.");

    /// <inheritdoc />
    public override string ToString() => _cell is null ? "(no context)" : $"{FlowId}/{RoutineId}.{SlotName} job {Job.Id}";
}
