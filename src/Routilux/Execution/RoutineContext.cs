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

    /// <summary>Signalled when the job or the worker is cancelled, fails or times out.</summary>
    public CancellationToken CancellationToken => Job.CancellationToken;

    private RoutineCell Cell => _cell ?? throw NotInHandler();

    private static InvalidOperationException NotInHandler() =>
        new("This RoutineContext is empty: contexts are only valid when passed to a slot handler by the runtime.");

    /// <inheritdoc />
    public override string ToString() => _cell is null ? "(no context)" : $"{FlowId}/{RoutineId}.{SlotName} job {Job.Id}";
}
