using System.Runtime.CompilerServices;
using System.Threading.Channels;
using System.Threading.Tasks.Dataflow;
using Akka.Actor;
using Akka.Configuration;

namespace Routilux.Benchmarks.Peers;

/// <summary>
/// What every chain peer shares: stages 1..9 add 1 and pass on, stage 10 adds 1 and sums. A run resets the sink,
/// sends 0 .. messages-1 into stage 1 and completes when the sink has seen them all. The pipeline itself is built
/// once and lives across runs, like a Routilux worker.
/// </summary>
public abstract class ChainPeer
{
    private long _sum;
    private long _count;
    private long _expected;
    private TaskCompletionSource<long> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Sends <paramref name="messages"/> values into the chain and returns the sink's sum once all arrived.</summary>
    public async Task<long> RunAsync(int messages)
    {
        // Continuations run asynchronously, as Routilux's Job.Completion does.
        _done = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        _sum = 0;
        _count = 0;
        Volatile.Write(ref _expected, messages);
        await SendAsync(messages).ConfigureAwait(false);
        return await _done.Task.ConfigureAwait(false);
    }

    /// <summary>Sends 0 .. messages-1 into stage 1.</summary>
    protected abstract ValueTask SendAsync(int messages);

    /// <summary>The sink: called by the last stage, one message at a time.</summary>
    protected void Receive(int value)
    {
        _sum += value + 1;
        if (++_count == _expected)
        {
            _done.TrySetResult(_sum);
        }
    }
}

/// <summary>TPL Dataflow: 9 <see cref="TransformBlock{TInput, TOutput}"/>s and an <see cref="ActionBlock{TInput}"/> sink, linked.</summary>
public sealed class DataflowChain : ChainPeer
{
    private readonly TransformBlock<int, int> _head;
    private readonly ActionBlock<int> _tail;
    private readonly bool _bounded;

    /// <summary>Builds the chain, every block with <paramref name="boundedCapacity"/> (or unbounded, Dataflow's default).</summary>
    public DataflowChain(int? boundedCapacity)
    {
        _bounded = boundedCapacity is not null;
        var options = new ExecutionDataflowBlockOptions { BoundedCapacity = boundedCapacity ?? DataflowBlockOptions.Unbounded };
        var link = new DataflowLinkOptions { PropagateCompletion = true };
        _head = new TransformBlock<int, int>(static v => v + 1, options);
        var previous = _head;
        for (var k = 2; k < Shape.Stages; k++)
        {
            var stage = new TransformBlock<int, int>(static v => v + 1, options);
            previous.LinkTo(stage, link);
            previous = stage;
        }

        _tail = new ActionBlock<int>(Receive, options);
        previous.LinkTo(_tail, link);
    }

    /// <inheritdoc />
    protected override async ValueTask SendAsync(int messages)
    {
        if (!_bounded)
        {
            for (var i = 0; i < messages; i++)
            {
                _head.Post(i);
            }

            return;
        }

        for (var i = 0; i < messages; i++)
        {
            if (!_head.Post(i))
            {
                await _head.SendAsync(i).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Completes the chain and waits for it to drain.</summary>
    public Task CloseAsync()
    {
        _head.Complete();
        return _tail.Completion;
    }
}

/// <summary><c>System.Threading.Channels</c>: 10 bounded channels (capacity 1000), one consumer task each.</summary>
public sealed class ChannelChain : ChainPeer
{
    private readonly Channel<int>[] _channels = new Channel<int>[Shape.Stages];
    private readonly Task[] _consumers = new Task[Shape.Stages];

    /// <summary>Builds the channels and starts the consumer tasks.</summary>
    public ChannelChain()
    {
        for (var k = 0; k < _channels.Length; k++)
        {
            _channels[k] = Channel.CreateBounded<int>(new BoundedChannelOptions(Shape.Capacity)
            {
                SingleReader = true,
                SingleWriter = true,
                FullMode = BoundedChannelFullMode.Wait,
            });
        }

        for (var k = 0; k < _channels.Length - 1; k++)
        {
            var reader = _channels[k].Reader;
            var writer = _channels[k + 1].Writer;
            _consumers[k] = Task.Run(() => RelayAsync(reader, writer));
        }

        var last = _channels[^1].Reader;
        _consumers[^1] = Task.Run(() => SinkAsync(last));
    }

    private static async Task RelayAsync(ChannelReader<int> reader, ChannelWriter<int> writer)
    {
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var value))
            {
                var next = value + 1;
                if (!writer.TryWrite(next))
                {
                    await writer.WriteAsync(next).ConfigureAwait(false);
                }
            }
        }

        writer.Complete();
    }

    private async Task SinkAsync(ChannelReader<int> reader)
    {
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var value))
            {
                Receive(value);
            }
        }
    }

    /// <inheritdoc />
    protected override async ValueTask SendAsync(int messages)
    {
        var writer = _channels[0].Writer;
        for (var i = 0; i < messages; i++)
        {
            if (!writer.TryWrite(i))
            {
                await writer.WriteAsync(i).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Completes the first channel and waits for every consumer to finish.</summary>
    public Task CloseAsync()
    {
        _channels[0].Writer.Complete();
        return Task.WhenAll(_consumers);
    }
}

/// <summary>Akka.NET: 10 actors chained with <c>Tell</c> (default dispatcher and unbounded mailboxes); the last one sums.</summary>
public sealed class AkkaChain : ChainPeer
{
    private readonly ActorSystem _system;
    private readonly IActorRef _head;

    /// <summary>Starts an actor system and the chain's actors.</summary>
    public AkkaChain()
    {
        var config = ConfigurationFactory.ParseString("""
            akka {
              loglevel = WARNING
              stdout-loglevel = WARNING
              log-dead-letters = off
              log-dead-letters-during-shutdown = off
            }
            """);
        _system = ActorSystem.Create("routilux-bench", config);
        var next = _system.ActorOf(Props.Create(() => new SinkActor(this)), "stage10");
        for (var k = Shape.Stages - 1; k >= 1; k--)
        {
            var target = next;
            next = _system.ActorOf(Props.Create(() => new StageActor(target)), $"stage{k}");
        }

        _head = next;
    }

    /// <inheritdoc />
    protected override ValueTask SendAsync(int messages)
    {
        for (var i = 0; i < messages; i++)
        {
            _head.Tell(i, ActorRefs.NoSender);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Stops the actor system.</summary>
    public Task CloseAsync() => _system.Terminate();

    private void SinkReceive(int value) => Receive(value);

    private sealed class StageActor(IActorRef next) : UntypedActor
    {
        protected override void OnReceive(object message) => next.Tell((int)message + 1, ActorRefs.NoSender);
    }

    private sealed class SinkActor(AkkaChain chain) : UntypedActor
    {
        protected override void OnReceive(object message) => chain.SinkReceive((int)message);
    }
}

/// <summary>The limit: 10 nested static calls per message, none inlined.</summary>
public static class DirectChain
{
    /// <summary>Sends 0 .. messages-1 through the 10 calls and returns the sum.</summary>
    public static long Run(int messages)
    {
        long sum = 0;
        for (var i = 0; i < messages; i++)
        {
            sum += S1(i);
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.NoInlining)] private static int S1(int v) => S2(v + 1);
    [MethodImpl(MethodImplOptions.NoInlining)] private static int S2(int v) => S3(v + 1);
    [MethodImpl(MethodImplOptions.NoInlining)] private static int S3(int v) => S4(v + 1);
    [MethodImpl(MethodImplOptions.NoInlining)] private static int S4(int v) => S5(v + 1);
    [MethodImpl(MethodImplOptions.NoInlining)] private static int S5(int v) => S6(v + 1);
    [MethodImpl(MethodImplOptions.NoInlining)] private static int S6(int v) => S7(v + 1);
    [MethodImpl(MethodImplOptions.NoInlining)] private static int S7(int v) => S8(v + 1);
    [MethodImpl(MethodImplOptions.NoInlining)] private static int S8(int v) => S9(v + 1);
    [MethodImpl(MethodImplOptions.NoInlining)] private static int S9(int v) => S10(v + 1);
    [MethodImpl(MethodImplOptions.NoInlining)] private static int S10(int v) => v + 1;
}

/// <summary>
/// TPL Dataflow for the "50 parallel jobs" scenario: the same 10-block chain, but every message carries its own
/// <see cref="TaskCompletionSource{TResult}"/>, so each of the 50 is awaited on its own as a job would be.
/// </summary>
public sealed class DataflowRequestChain
{
    private readonly TransformBlock<Request, Request> _head;
    private readonly ActionBlock<Request> _tail;

    /// <summary>Builds the chain (unbounded, Dataflow's default).</summary>
    public DataflowRequestChain()
    {
        var link = new DataflowLinkOptions { PropagateCompletion = true };
        _head = new TransformBlock<Request, Request>(static r => r with { Value = r.Value + 1 });
        var previous = _head;
        for (var k = 2; k < Shape.Stages; k++)
        {
            var stage = new TransformBlock<Request, Request>(static r => r with { Value = r.Value + 1 });
            previous.LinkTo(stage, link);
            previous = stage;
        }

        _tail = new ActionBlock<Request>(static r => r.Done.TrySetResult(r.Value + 1));
        previous.LinkTo(_tail, link);
    }

    /// <summary>Sends <paramref name="requests"/> requests at once and returns the sum of their results.</summary>
    public async Task<long> RunAsync(int requests)
    {
        var pending = new Task<int>[requests];
        for (var i = 0; i < requests; i++)
        {
            var done = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            pending[i] = done.Task;
            _head.Post(new Request(i, done));
        }

        long sum = 0;
        foreach (var result in await Task.WhenAll(pending).ConfigureAwait(false))
        {
            sum += result;
        }

        return sum;
    }

    /// <summary>Completes the chain and waits for it to drain.</summary>
    public Task CloseAsync()
    {
        _head.Complete();
        return _tail.Completion;
    }

    /// <summary>A message and where its result goes.</summary>
    public readonly record struct Request(int Value, TaskCompletionSource<int> Done);
}
