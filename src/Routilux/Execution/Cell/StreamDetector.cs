using System.Diagnostics;

namespace Routilux.Execution;

/// <summary>
/// Tells whether a cell is streaming: it counts the deliveries a cell makes in one turn or handler run and calls it
/// streaming past <see cref="Tuning.StreamingAfter"/>; a fused chain inherits the flag from the routine that started
/// it. A streaming routine hands messages over at the flow's cuts (see <see cref="StreamSegments"/>), and the routine
/// behind a cut, fed by a stream, looks again for a while before it gives its claim up.
/// </summary>
/// <remarks>
/// Every field belongs to the holder of the cell's claim, except that the emitter's <see cref="IsStreaming"/> is read
/// by the cell it runs inline (claimed by that emitter's thread). Invariant: <see cref="LooksLeft"/> is 0 while
/// <see cref="IsStreaming"/>: the looks are counted only once a stream has run dry.
/// </remarks>
[DebuggerDisplay("deliveries {Deliveries}, streaming {IsStreaming}, looks left {LooksLeft}")]
internal struct StreamDetector
{
    /// <summary>Deliveries counted in this turn or handler run, up to <see cref="Tuning.StreamingAfter"/>.</summary>
    public int Deliveries;

    /// <summary>Whether the message in hand belongs to a stream.</summary>
    public bool IsStreaming;

    /// <summary>How many more times the cell, its stream run dry, gives its thread back and looks again (see RoutineCell.WaitForStream).</summary>
    public int LooksLeft;

    /// <summary>Counts one delivery of the outbox.</summary>
    public void CountDelivery()
    {
        if (Deliveries < Tuning.StreamingAfter)
        {
            Deliveries++;
            IsStreaming = false;
        }
        else
        {
            IsStreaming = true;
            LooksLeft = 0;
        }
    }

    /// <summary>A new turn or a fresh run: counting starts again; a look for a stream run dry goes on.</summary>
    public void Restart()
    {
        Deliveries = 0;
        IsStreaming = false;
    }

    /// <summary>The cell's claim is given up: a stream that comes back later is a new one.</summary>
    public void Stop()
    {
        Restart();
        LooksLeft = 0;
    }

    /// <summary>DEBUG builds: asserts the invariant on the type.</summary>
    [Conditional("DEBUG")]
    public readonly void AssertInvariants() => Debug.Assert(!IsStreaming || LooksLeft == 0, "A streaming cell counts looks for a stream run dry.");
}
