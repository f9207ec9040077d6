namespace Routilux.Benchmarks;

/// <summary>Emits 0 .. count-1 with an async emit, so it waits while the next queue is full (backpressure).</summary>
[Routine]
public partial class Source
{
    /// <summary>How many numbers to emit.</summary>
    [Slot]
    public async ValueTask Start(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Number(i);
        }
    }

    /// <summary>One number.</summary>
    [Emits]
    public partial ValueTask Number(int value);
}

/// <summary>One stage of a linear chain: adds 1 and passes the value on.</summary>
[Routine]
public partial class Stage
{
    /// <summary>A value from upstream.</summary>
    [Slot]
    public void In(int value) => Out(value + 1);

    /// <summary>The value plus one.</summary>
    [Emits]
    public partial void Out(int value);
}

/// <summary>The last stage of a chain: adds 1 like every stage, then sums and counts instead of passing on.</summary>
[Routine]
public partial class SumStage
{
    /// <summary>The sum of every value received, each plus one.</summary>
    public long Sum { get; private set; }

    /// <summary>How many values were received.</summary>
    public long Count { get; private set; }

    /// <summary>A value from upstream.</summary>
    [Slot]
    public void In(int value)
    {
        Sum += value + 1;
        Count++;
    }

    /// <summary>Forgets what was received; call only while no job runs.</summary>
    public void Reset()
    {
        Sum = 0;
        Count = 0;
    }
}

/// <summary>A sink for the fan benchmarks: sums and counts what it receives, unchanged.</summary>
[Routine]
public partial class Sink
{
    /// <summary>The sum of every value received.</summary>
    public long Sum { get; private set; }

    /// <summary>How many values were received.</summary>
    public long Count { get; private set; }

    /// <summary>A value from upstream.</summary>
    [Slot]
    public void In(int value)
    {
        Sum += value;
        Count++;
    }

    /// <summary>Forgets what was received; call only while no job runs.</summary>
    public void Reset()
    {
        Sum = 0;
        Count = 0;
    }
}

/// <summary>
/// A node of the diamond flow: waits for one message from each of its <c>inputs</c> upstream nodes (a join), then
/// emits once the longest depth seen plus one. Each node therefore handles one message per input and emits once
/// per job, which keeps the message count linear in the number of nodes.
/// </summary>
[Routine]
public partial class DiamondNode
{
    private readonly int _inputs;
    private int _seen;
    private int _deepest;

    /// <summary>Creates a node that joins <paramref name="inputs"/> upstream messages.</summary>
    public DiamondNode(int inputs) => _inputs = inputs;

    /// <summary>The depth this node emitted last (1 for the entry node, node i emits i + 1).</summary>
    public int Depth { get; private set; }

    /// <summary>The depth of an upstream node.</summary>
    [Slot]
    public void In(int depth)
    {
        if (depth > _deepest)
        {
            _deepest = depth;
        }

        if (++_seen == _inputs)
        {
            Depth = _deepest + 1;
            _seen = 0;
            _deepest = 0;
            Out(Depth);
        }
    }

    /// <summary>This node's depth.</summary>
    [Emits]
    public partial void Out(int depth);
}
