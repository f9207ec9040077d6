using Routilux;

namespace Routilux.Tests.Routines;

/// <summary>A value and the managed thread its source emitted it on: a routine downstream can tell whether it crossed to another thread.</summary>
public readonly record struct Stamped(int Value, int SourceThread);

/// <summary>Emits 0..count-1, each stamped with the emitting thread, with an async emit: a stream that feels backpressure.</summary>
[Routine]
public partial class StampingSource
{
    [Slot]
    public async ValueTask Start(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Out(new Stamped(i, Environment.CurrentManagedThreadId));
        }
    }

    [Emits]
    public partial ValueTask Out(Stamped message);
}

/// <summary>
/// Passes each message on, counting those it took from its own queue in a turn of its own (not run fused on its
/// emitter's thread) and those it ran on another thread than their source emitted them on. Plain counters: a
/// routine runs one message at a time, and the test reads them only after the job completed.
/// </summary>
[Routine]
public partial class CrossingCounter
{
    private Execution.RoutineCell? _cell;

    /// <summary>How many messages this routine took from its queue in its own turn: the hand-offs at a cut in front of it.</summary>
    public long TakenInOwnTurn { get; private set; }

    /// <summary>How many messages this routine ran on another thread than their source's.</summary>
    public long RanApart { get; private set; }

    [Slot]
    public void In(Stamped message, RoutineContext context)
    {
        _cell ??= context.Worker.CellOf(context.RoutineId);
        if (_cell.IsInTurn)
        {
            TakenInOwnTurn++;
        }

        if (message.SourceThread != Environment.CurrentManagedThreadId)
        {
            RanApart++;
        }

        Out(message);
    }

    [Emits]
    public partial void Out(Stamped message);
}

/// <summary>Counts what it receives, and the messages that did not follow their predecessor (each job counts from 0).</summary>
[Routine]
public partial class OrderedTally
{
    private int _last = -1;

    public long Count { get; private set; }

    public long OutOfOrder { get; private set; }

    [Slot]
    public void In(Stamped message)
    {
        if (message.Value != 0 && message.Value != _last + 1)
        {
            OutOfOrder++;
        }

        _last = message.Value;
        Count++;
    }
}
