using System.Collections.Concurrent;
using Routilux;

namespace Routilux.Tests.Routines;

/// <summary>Emits 0..n-1 on Number.</summary>
[Routine]
public partial class Counter
{
    [Slot]
    public void Start(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Number(i);
        }
    }

    [Emits]
    public partial void Number(int value);
}

/// <summary>Adds a constant and passes the number on.</summary>
[Routine]
public partial class AddOne
{
    [Slot]
    public void In(int value) => Out(value + 1);

    [Emits]
    public partial void Out(int value);
}

/// <summary>Collects what it receives into a shared bag.</summary>
[Routine]
public partial class Sink<T>
{
    private readonly ConcurrentQueue<T> _received;

    public Sink(ConcurrentQueue<T> received) => _received = received;

    [Slot]
    public void In(T item) => _received.Enqueue(item);
}

/// <summary>Throws on the value 13.</summary>
[Routine]
public partial class Unlucky
{
    [Slot]
    public void In(int value)
    {
        if (value == 13)
        {
            throw new InvalidOperationException("13 is unlucky");
        }

        Out(value);
    }

    [Emits]
    public partial void Out(int value);
}

/// <summary>Records the context of every hop it handles, then passes the value on.</summary>
[Routine]
public partial class ContextRecorder
{
    private readonly ConcurrentQueue<(string JobId, string RoutineId, string FlowId, string Slot, int Value)> _seen;

    public ContextRecorder(ConcurrentQueue<(string JobId, string RoutineId, string FlowId, string Slot, int Value)> seen) => _seen = seen;

    [Slot]
    public void In(int value, RoutineContext context)
    {
        _seen.Enqueue((context.Job.Id, context.RoutineId, context.FlowId, context.SlotName, value));
        Out(value + 1);
    }

    [Emits]
    public partial void Out(int value);
}

/// <summary>Waits, cancellably, until released; then emits.</summary>
[Routine]
public partial class Gate
{
    private readonly TaskCompletionSource _release;
    private readonly TaskCompletionSource _entered;

    public Gate(TaskCompletionSource release, TaskCompletionSource entered)
    {
        _release = release;
        _entered = entered;
    }

    [Slot]
    public async ValueTask In(string value, CancellationToken cancellationToken)
    {
        _entered.TrySetResult();
        await _release.Task.WaitAsync(cancellationToken);
        Out(value);
    }

    [Emits]
    public partial void Out(string value);
}

/// <summary>Records, for every message, whether its job had already completed when the message arrived (it never should).</summary>
[Routine]
public partial class CompletionProbe
{
    private readonly ConcurrentQueue<bool> _jobCompletedOnArrival;

    public CompletionProbe(ConcurrentQueue<bool> jobCompletedOnArrival) => _jobCompletedOnArrival = jobCompletedOnArrival;

    [Slot]
    public void In(string value, RoutineContext context) => _jobCompletedOnArrival.Enqueue(context.Job.Completion.IsCompleted);
}

/// <summary>Routes "slow" to the slow path and everything else to the fast path.</summary>
[Routine]
public partial class Router
{
    [Slot]
    public void In(string value)
    {
        if (value.StartsWith("slow", StringComparison.Ordinal))
        {
            Slow(value);
        }
        else
        {
            Fast(value);
        }
    }

    [Emits]
    public partial void Slow(string value);

    [Emits]
    public partial void Fast(string value);
}

/// <summary>What the backpressure test observes: how far the consumer got, and when the producer finished.</summary>
public sealed class BackpressureProbe
{
    private int _handled;
    private int _finishedAt = -1;

    public int Handled => Volatile.Read(ref _handled);

    public int ProducerFinishedAt => Volatile.Read(ref _finishedAt);

    public ConcurrentQueue<int> Received { get; } = new();

    public void OnHandled(int value)
    {
        Received.Enqueue(value);
        Interlocked.Increment(ref _handled);
    }

    public void OnProducerFinished() => Volatile.Write(ref _finishedAt, Handled);
}

/// <summary>Emits n numbers with an async emit, so it feels backpressure while it runs.</summary>
[Routine]
public partial class FastProducer
{
    private readonly BackpressureProbe _probe;

    public FastProducer(BackpressureProbe probe) => _probe = probe;

    [Slot]
    public async ValueTask Start(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Number(i);
        }

        _probe.OnProducerFinished();
    }

    [Emits]
    public partial ValueTask Number(int value);
}

/// <summary>Emits n numbers with a plain emit: delivered from the outbox after the handler returns.</summary>
[Routine]
public partial class BurstProducer
{
    [Slot]
    public void Start(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Number(i);
        }
    }

    [Emits]
    public partial void Number(int value);
}

/// <summary>Takes a little time per message.</summary>
[Routine]
public partial class SlowConsumer
{
    private readonly BackpressureProbe _probe;

    public SlowConsumer(BackpressureProbe probe) => _probe = probe;

    [Slot(Capacity = 4)]
    public async ValueTask In(int value)
    {
        await Task.Delay(1);
        _probe.OnHandled(value);
    }
}

/// <summary>Slots of every shape: several parameters, none, context and token in any order, Task.</summary>
[Routine]
public partial class Shapes
{
    public ConcurrentQueue<string> Log { get; } = new();

    [Slot]
    public void Pair(int a, string b) => Log.Enqueue($"pair {a} {b}");

    [Slot(Optional = true)]
    public void Ping() => Log.Enqueue("ping");

    [Slot(Optional = true)]
    public Task Later(CancellationToken cancellationToken, string text, RoutineContext context)
    {
        Log.Enqueue($"later {text} {context.RoutineId} {cancellationToken.CanBeCanceled}");
        return Task.CompletedTask;
    }
}

/// <summary>Records the managed thread of every run, then passes the value on plus one.</summary>
[Routine]
public partial class ThreadRecorder
{
    private readonly ConcurrentQueue<int> _threads;

    public ThreadRecorder(ConcurrentQueue<int> threads) => _threads = threads;

    [Slot]
    public void In(int value)
    {
        _threads.Enqueue(Environment.CurrentManagedThreadId);
        Out(value + 1);
    }

    [Emits]
    public partial void Out(int value);
}

/// <summary>Counts what it receives; cheap to watch from another thread while a stream runs.</summary>
[Routine]
public partial class CountingSink
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    [Slot]
    public void In(int value) => Interlocked.Increment(ref _count);
}

/// <summary>Emits tag * 1,000,000 + i for i in 0..n-1 with an async emit, so several producers can be told apart downstream.</summary>
[Routine]
public partial class TaggedProducer
{
    private readonly int _tag;

    public TaggedProducer(int tag) => _tag = tag;

    [Slot]
    public async ValueTask Start(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Number((_tag * 1_000_000) + i);
        }
    }

    [Emits]
    public partial ValueTask Number(int value);
}

/// <summary>Emits 0..count-1 with plain emits, so they all wait in the outbox until the handler returns.</summary>
[Routine]
public partial class Burst
{
    [Slot]
    public void In(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Out(i);
        }
    }

    [Emits]
    public partial void Out(int value);
}

/// <summary>Holds every message until released, then records it; for queues that must fill up.</summary>
[Routine]
public partial class HeldSink
{
    private readonly TaskCompletionSource _release;
    private readonly ConcurrentQueue<int> _received;

    public HeldSink(TaskCompletionSource release, ConcurrentQueue<int> received)
    {
        _release = release;
        _received = received;
    }

    [Slot(Capacity = 2)]
    public async ValueTask In(int value)
    {
        await _release.Task;
        _received.Enqueue(value);
    }
}

/// <summary>Cancels its own job, then awaits: records whether the job's Completion had completed at each point.</summary>
[Routine]
public partial class SelfCanceller
{
    private readonly ConcurrentQueue<bool> _completedSeen;

    public SelfCanceller(ConcurrentQueue<bool> completedSeen) => _completedSeen = completedSeen;

    [Slot]
    public async ValueTask In(int value, RoutineContext context)
    {
        context.Job.Cancel("The handler cancelled its own job.");
        _completedSeen.Enqueue(context.Job.Completion.IsCompleted);
        await Task.Yield();
        _completedSeen.Enqueue(context.Job.Completion.IsCompleted);
    }
}
