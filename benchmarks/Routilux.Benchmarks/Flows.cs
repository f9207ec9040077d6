namespace Routilux.Benchmarks;

/// <summary>The shared shape of every chain in the suite, Routilux's and the peers' alike.</summary>
public static class Shape
{
    /// <summary>
    /// Stages in a linear chain. Every stage adds 1; the last one also sums (it is the sink), so a message makes
    /// exactly <see cref="Stages"/> queue hand-offs and <see cref="Stages"/> additions in every implementation.
    /// </summary>
    public const int Stages = 10;

    /// <summary>Queue capacity wherever an implementation is bounded (Routilux's default slot capacity).</summary>
    public const int Capacity = 1000;

    /// <summary>The sum a chain's sink reports after values 0 .. messages-1 went through <see cref="Stages"/> stages.</summary>
    public static long ChainSum(long messages) => (messages * (messages - 1) / 2) + (Stages * messages);

    /// <summary>The sum of 0 .. count-1.</summary>
    public static long Range(long count) => count * (count - 1) / 2;

    /// <summary>Throws when a result is wrong, so a broken benchmark fails loudly instead of measuring nonsense.</summary>
    public static void Check(long expected, long actual, string what)
    {
        if (expected != actual)
        {
            throw new InvalidOperationException($"Result check failed: {what}: expected {expected}, got {actual}.");
        }
    }

    /// <summary>Throws unless a job completed.</summary>
    public static void Check(JobStatus status, Job job, string what)
    {
        if (status != JobStatus.Completed)
        {
            throw new InvalidOperationException($"Result check failed: {what}: job {job.Id} ended {status}: {job.Error}");
        }
    }
}

/// <summary>Builds the Routilux flows of the suite.</summary>
public static class Flows
{
    /// <summary>Id of the chain's last stage (a <see cref="SumStage"/>).</summary>
    public const string LastStage = "stage10";

    /// <summary>
    /// A linear chain of <see cref="Shape.Stages"/> routines: stage1..stage9 are <see cref="Stage"/>s and stage10 is a
    /// <see cref="SumStage"/>. With <paramref name="withSource"/> a <see cref="Source"/> feeds stage1 and is the entry
    /// (<c>Start(count)</c>); otherwise stage1's slot is the entry.
    /// </summary>
    public static (Flow Flow, SlotPort<int> Entry) Chain(string id, bool withSource)
    {
        var flow = new FlowBuilder(id);
        SlotPort<int> entry = default;
        EventPort<int> previous = default;
        var first = true;
        if (withSource)
        {
            var source = flow.Add<Source>("source");
            entry = source.Start();
            previous = source.Number();
            first = false;
        }

        for (var k = 1; k < Shape.Stages; k++)
        {
            var stage = flow.Add<Stage>($"stage{k}");
            if (first)
            {
                entry = stage.In();
                first = false;
            }
            else
            {
                flow.Connect(previous, stage.In());
            }

            previous = stage.Out();
        }

        var last = flow.Add<SumStage>(LastStage);
        flow.Connect(previous, last.In());
        flow.Entry(entry);
        return (flow.Build(), entry);
    }

    /// <summary>Id of the small chain's sink (a <see cref="SumStage"/>).</summary>
    public const string SmallChainSink = "sink";

    /// <summary>Stages of the small chain: every message is handled this many times and arrives plus this many.</summary>
    public const int SmallChainStages = 3;

    /// <summary>
    /// The small chain of the idle-workers scenario: <c>first</c> and <c>second</c> (<see cref="Stage"/>s) and
    /// <c>sink</c> (a <see cref="SumStage"/>), so a value arrives plus 3; <c>first</c>'s slot is the entry.
    /// </summary>
    public static (Flow Flow, SlotPort<int> Entry) SmallChain(string id)
    {
        var flow = new FlowBuilder(id);
        var first = flow.Add<Stage>("first");
        var second = flow.Add<Stage>("second");
        var sink = flow.Add<SumStage>(SmallChainSink);
        flow.Connect(first.Out(), second.In());
        flow.Connect(second.Out(), sink.In());
        flow.Entry(first.In());
        return (flow.Build(), first.In());
    }

    /// <summary>Nodes of the diamond flow.</summary>
    public const int DiamondNodes = 100;

    /// <summary>
    /// Messages one diamond job handles: the entry message plus one per connection (node i feeds i+1 and i+2:
    /// 98 nodes x 2 + 1 = 197), so 198.
    /// </summary>
    public const int DiamondMessages = 1 + (2 * (DiamondNodes - 2)) + 1;

    /// <summary>
    /// The diamond-ish flow: <see cref="DiamondNodes"/> <see cref="DiamondNode"/>s where node i connects to i+1 and
    /// i+2. Each node joins its inputs (one for n0 and n1, two for the others) and emits once, so a job of one
    /// message handles <see cref="DiamondMessages"/> messages and n99 ends with depth 100.
    /// </summary>
    public static (FlowBuilder Builder, SlotPort<int> Entry) Diamond(string id)
    {
        var flow = new FlowBuilder(id);
        var nodes = new RoutineHandle<DiamondNode>[DiamondNodes];
        for (var i = 0; i < nodes.Length; i++)
        {
            var inputs = i < 2 ? 1 : 2;
            nodes[i] = flow.Add($"n{i}", () => new DiamondNode(inputs));
        }

        for (var i = 0; i < nodes.Length; i++)
        {
            if (i + 1 < nodes.Length)
            {
                flow.Connect(nodes[i].Out(), nodes[i + 1].In());
            }

            if (i + 2 < nodes.Length)
            {
                flow.Connect(nodes[i].Out(), nodes[i + 2].In());
            }
        }

        var entry = nodes[0].In();
        flow.Entry(entry);
        return (flow, entry);
    }
}
