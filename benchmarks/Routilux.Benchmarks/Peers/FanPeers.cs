using System.Runtime.InteropServices;
using System.Threading.Channels;
using System.Threading.Tasks.Dataflow;

namespace Routilux.Benchmarks.Peers;

/// <summary>
/// Counts what <see cref="FanShape.Width"/> sinks (fan-out) or one sink (fan-in) receive and completes a run when
/// every sink has seen its share. Built once, reused across runs.
/// </summary>
public abstract class FanPeer
{
    private readonly Counter[] _sinks;
    private long _expectedPerSink;
    private int _sinksPending;
    private TaskCompletionSource<long> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Prepares counters for <paramref name="sinks"/> sinks.</summary>
    protected FanPeer(int sinks)
    {
        _sinks = new Counter[sinks];
    }

    /// <summary>Resets the sinks, runs <see cref="SendAsync"/> and waits until every sink saw <paramref name="perSink"/> values.</summary>
    /// <returns>The sum over all sinks.</returns>
    protected async Task<long> RunAsync(long perSink)
    {
        _done = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        Array.Clear(_sinks);
        _expectedPerSink = perSink;
        Volatile.Write(ref _sinksPending, _sinks.Length);
        await SendAsync().ConfigureAwait(false);
        return await _done.Task.ConfigureAwait(false);
    }

    /// <summary>Produces the run's messages.</summary>
    protected abstract Task SendAsync();

    /// <summary>Sink <paramref name="sink"/> received <paramref name="value"/>; one call at a time per sink.</summary>
    protected void Receive(int sink, int value)
    {
        ref var counter = ref _sinks[sink];
        counter.Sum += value;
        if (++counter.Count == _expectedPerSink && Interlocked.Decrement(ref _sinksPending) == 0)
        {
            long total = 0;
            foreach (var each in _sinks)
            {
                total += each.Sum;
            }

            _done.TrySetResult(total);
        }
    }

    /// <summary>A sink's counters, padded to their own cache lines so concurrent sinks do not share one.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct Counter
    {
        [FieldOffset(64)] public long Sum;
        [FieldOffset(72)] public long Count;
    }
}

/// <summary>Sizes of the fan benchmarks.</summary>
public static class FanShape
{
    /// <summary>Sinks of the fan-out, sources of the fan-in.</summary>
    public const int Width = 8;

    /// <summary>Messages the fan-out's source sends (each reaches all 8 sinks).</summary>
    public const int FanOutMessages = 100_000;

    /// <summary>Deliveries of the fan-out: every message to every sink.</summary>
    public const int FanOutDeliveries = FanOutMessages * Width;

    /// <summary>Messages each fan-in source sends.</summary>
    public const int FanInPerSource = 12_500;

    /// <summary>Messages the fan-in's sink receives.</summary>
    public const int FanInMessages = FanInPerSource * Width;
}

/// <summary>TPL Dataflow fan-out: a <see cref="BroadcastBlock{T}"/> linked to 8 unbounded <see cref="ActionBlock{TInput}"/>s.</summary>
/// <remarks>Unbounded on purpose: a BroadcastBlock drops messages a bounded target declines, so bounding would lose data.</remarks>
public sealed class DataflowFanOut : FanPeer
{
    private readonly BroadcastBlock<int> _broadcast = new(null);
    private readonly ActionBlock<int>[] _sinks = new ActionBlock<int>[FanShape.Width];

    /// <summary>Builds the blocks.</summary>
    public DataflowFanOut()
        : base(FanShape.Width)
    {
        for (var s = 0; s < _sinks.Length; s++)
        {
            var sink = s;
            _sinks[s] = new ActionBlock<int>(v => Receive(sink, v));
            _broadcast.LinkTo(_sinks[s], new DataflowLinkOptions { PropagateCompletion = true });
        }
    }

    /// <summary>One run: 100,000 messages to every sink.</summary>
    public Task<long> RunAsync() => RunAsync(FanShape.FanOutMessages);

    /// <inheritdoc />
    protected override Task SendAsync()
    {
        for (var i = 0; i < FanShape.FanOutMessages; i++)
        {
            _broadcast.Post(i);
        }

        return Task.CompletedTask;
    }

    /// <summary>Completes the blocks.</summary>
    public Task CloseAsync()
    {
        _broadcast.Complete();
        return Task.WhenAll(_sinks.Select(s => s.Completion));
    }
}

/// <summary>Channels fan-out: one producer writes every message into 8 bounded channels (capacity 1000), one consumer task each.</summary>
public sealed class ChannelFanOut : FanPeer
{
    private readonly Channel<int>[] _channels = new Channel<int>[FanShape.Width];
    private readonly Task[] _consumers = new Task[FanShape.Width];

    /// <summary>Builds the channels and starts the consumers.</summary>
    public ChannelFanOut()
        : base(FanShape.Width)
    {
        for (var s = 0; s < _channels.Length; s++)
        {
            _channels[s] = Channel.CreateBounded<int>(new BoundedChannelOptions(Shape.Capacity) { SingleReader = true, SingleWriter = true });
            var sink = s;
            var reader = _channels[s].Reader;
            _consumers[s] = Task.Run(() => ConsumeAsync(sink, reader));
        }
    }

    private async Task ConsumeAsync(int sink, ChannelReader<int> reader)
    {
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var value))
            {
                Receive(sink, value);
            }
        }
    }

    /// <summary>One run: 100,000 messages to every sink.</summary>
    public Task<long> RunAsync() => RunAsync(FanShape.FanOutMessages);

    /// <inheritdoc />
    protected override async Task SendAsync()
    {
        for (var i = 0; i < FanShape.FanOutMessages; i++)
        {
            foreach (var channel in _channels)
            {
                if (!channel.Writer.TryWrite(i))
                {
                    await channel.Writer.WriteAsync(i).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>Completes the channels and waits for the consumers.</summary>
    public Task CloseAsync()
    {
        foreach (var channel in _channels)
        {
            channel.Writer.Complete();
        }

        return Task.WhenAll(_consumers);
    }
}

/// <summary>TPL Dataflow fan-in: 8 producer tasks post 12,500 each into one unbounded <see cref="ActionBlock{TInput}"/>.</summary>
public sealed class DataflowFanIn : FanPeer
{
    private readonly ActionBlock<int> _sink;

    /// <summary>Builds the sink block.</summary>
    public DataflowFanIn()
        : base(1) => _sink = new ActionBlock<int>(v => Receive(0, v));

    /// <summary>One run: 8 x 12,500 messages into the sink.</summary>
    public Task<long> RunAsync() => RunAsync(FanShape.FanInMessages);

    /// <inheritdoc />
    protected override Task SendAsync()
    {
        var producers = new Task[FanShape.Width];
        for (var p = 0; p < producers.Length; p++)
        {
            producers[p] = Task.Run(() =>
            {
                for (var i = 0; i < FanShape.FanInPerSource; i++)
                {
                    _sink.Post(i);
                }
            });
        }

        return Task.WhenAll(producers);
    }

    /// <summary>Completes the sink.</summary>
    public Task CloseAsync()
    {
        _sink.Complete();
        return _sink.Completion;
    }
}

/// <summary>Channels fan-in: 8 producer tasks write 12,500 each into one bounded channel (capacity 1000), one consumer.</summary>
public sealed class ChannelFanIn : FanPeer
{
    private readonly Channel<int> _channel = Channel.CreateBounded<int>(new BoundedChannelOptions(Shape.Capacity) { SingleReader = true, SingleWriter = false });
    private readonly Task _consumer;

    /// <summary>Builds the channel and starts the consumer.</summary>
    public ChannelFanIn()
        : base(1) => _consumer = Task.Run(ConsumeAsync);

    private async Task ConsumeAsync()
    {
        var reader = _channel.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var value))
            {
                Receive(0, value);
            }
        }
    }

    /// <summary>One run: 8 x 12,500 messages into the sink.</summary>
    public Task<long> RunAsync() => RunAsync(FanShape.FanInMessages);

    /// <inheritdoc />
    protected override Task SendAsync()
    {
        var producers = new Task[FanShape.Width];
        for (var p = 0; p < producers.Length; p++)
        {
            producers[p] = Task.Run(async () =>
            {
                var writer = _channel.Writer;
                for (var i = 0; i < FanShape.FanInPerSource; i++)
                {
                    if (!writer.TryWrite(i))
                    {
                        await writer.WriteAsync(i).ConfigureAwait(false);
                    }
                }
            });
        }

        return Task.WhenAll(producers);
    }

    /// <summary>Completes the channel and waits for the consumer.</summary>
    public Task CloseAsync()
    {
        _channel.Writer.Complete();
        return _consumer;
    }
}
