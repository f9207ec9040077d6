using Routilux;

namespace DurableCounter;

/// <summary>
/// Emits the numbers 1 to N a few at a time. Where it has got to is its saved state, and it asks for the next
/// few by sending itself a message, so the whole stream lives inside the flow: a checkpoint holds exactly where
/// it was, and a resumed worker carries on from there.
/// </summary>
[Routine]
public partial class NumberSource
{
    private const int PerStep = 10;

    [State(Name = "next")]
    private long _next = 1;

    [State(Name = "last")]
    private long _last;

    /// <summary>Starts a stream of the numbers 1 to <paramref name="count"/>.</summary>
    [Slot]
    public void Start(long count)
    {
        _last = count;
        Step(_next);
    }

    /// <summary>Emits the next few numbers, waits a little (so there is time to kill the process), and asks for more.</summary>
    [Slot]
    public async ValueTask Continue(long from, CancellationToken cancellationToken)
    {
        await Task.Delay(20, cancellationToken);
        for (var i = 0; i < PerStep && _next <= _last; i++)
        {
            Number(_next++);
        }

        if (_next <= _last)
        {
            Step(_next);
        }
    }

    /// <summary>One number of the stream.</summary>
    [Emits]
    public partial void Number(long value);

    /// <summary>Asks this routine for the next step.</summary>
    [Emits]
    public partial void Step(long from);
}

/// <summary>Adds up what it receives and checks that every number arrives once, in order.</summary>
[Routine]
public partial class Totals
{
    /// <summary>How many numbers arrived.</summary>
    [State(Name = "count")]
    public long Count { get; private set; }

    /// <summary>Their sum.</summary>
    [State(Name = "sum")]
    public long Sum { get; private set; }

    /// <summary>Numbers that arrived twice or out of order; zero when the guarantee holds.</summary>
    [State(Name = "outOfOrder")]
    public long OutOfOrder { get; private set; }

    /// <summary>Counts one number.</summary>
    [Slot]
    public void Number(long value)
    {
        if (value != Count + 1)
        {
            OutOfOrder++;
        }

        Count++;
        Sum += value;
    }
}
