using System.Collections.Concurrent;

namespace Routilux.Tests.Routines;

/// <summary>Emits 0..count-1 with an async emit, then throws when told to: a run that emits many messages.</summary>
[Routine]
public partial class ManyEmitter
{
    [Slot(Optional = true)]
    public async ValueTask Start(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Number(i);
        }
    }

    [Slot(Optional = true)]
    public async ValueTask StartThenThrow(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Number(i);
        }

        throw new InvalidOperationException($"failed after {count} emits");
    }

    [Emits]
    public partial ValueTask Number(int value);
}

/// <summary>Counts what it receives through a queue of 8 places; each run yields, so producers wait for room often.</summary>
[Routine]
public partial class NarrowSink
{
    private long _count;
    private long _sum;

    public long Count => Interlocked.Read(ref _count);

    public long Sum => Interlocked.Read(ref _sum);

    [Slot(Capacity = 8)]
    public async ValueTask In(int value)
    {
        await Task.Yield();
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sum, value);
    }
}

/// <summary>Takes a time on a fake clock that depends on the message: <c>value</c> milliseconds.</summary>
[Routine]
public partial class VaryingStage
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock;
    private readonly ConcurrentQueue<int> _seen = new();

    public VaryingStage(Microsoft.Extensions.Time.Testing.FakeTimeProvider clock) => _clock = clock;

    [Slot]
    public void In(int value)
    {
        _clock.Advance(TimeSpan.FromMilliseconds(value));
        _seen.Enqueue(value);
    }
}

/// <summary>Keeps what fits in a queue of 2 places and drops the newest; each run yields, so messages queue behind it.</summary>
[Routine]
public partial class DroppingSink
{
    private readonly ConcurrentQueue<int> _received;

    public DroppingSink(ConcurrentQueue<int> received) => _received = received;

    [Slot(Capacity = 2, WhenFull = QueueFullPolicy.DropNewest)]
    public async ValueTask In(int value)
    {
        await Task.Yield();
        _received.Enqueue(value);
    }
}
