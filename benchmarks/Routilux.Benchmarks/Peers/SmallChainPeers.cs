using System.Threading.Tasks.Dataflow;

namespace Routilux.Benchmarks.Peers;

/// <summary>
/// TPL Dataflow for the idle-workers scenario: one small chain like <see cref="Flows.SmallChain"/>, two
/// <see cref="TransformBlock{TInput, TOutput}"/>s adding 1 and an <see cref="ActionBlock{TInput}"/> that adds 1 and sums
/// (unbounded, Dataflow's default). Built once and fed one message at a time.
/// </summary>
public sealed class SmallDataflowChain
{
    private readonly TransformBlock<int, int> _head;
    private readonly ActionBlock<int> _tail;
    private long _sum;
    private long _count;

    /// <summary>Builds and links the three blocks.</summary>
    public SmallDataflowChain()
    {
        var link = new DataflowLinkOptions { PropagateCompletion = true };
        _head = new TransformBlock<int, int>(static v => v + 1);
        var second = new TransformBlock<int, int>(static v => v + 1);
        _tail = new ActionBlock<int>(v =>
        {
            _sum += v + 1;
            _count++;
        });
        _head.LinkTo(second, link);
        second.LinkTo(_tail, link);
    }

    /// <summary>The sum of every value the sink received, each plus three.</summary>
    public long Sum => Interlocked.Read(ref _sum);

    /// <summary>How many values the sink received.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Posts one value (an unbounded block always takes it).</summary>
    public void Post(int value)
    {
        if (!_head.Post(value))
        {
            throw new InvalidOperationException("An unbounded Dataflow block declined a message.");
        }
    }

    /// <summary>Completes the chain and waits until the sink has handled everything.</summary>
    public Task CloseAsync()
    {
        _head.Complete();
        return _tail.Completion;
    }
}
