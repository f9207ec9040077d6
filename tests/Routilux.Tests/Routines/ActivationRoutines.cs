using System.Collections.Concurrent;
using Routilux;

namespace Routilux.Tests.Routines;

/// <summary>Records the batches it gets, three at a time or after 200 ms.</summary>
[Routine]
public partial class Batcher
{
    private readonly ConcurrentQueue<int[]> _batches;

    public Batcher(ConcurrentQueue<int[]> batches) => _batches = batches;

    [Slot, Batch(3, MaxWaitMilliseconds = 200)]
    public void Items(IReadOnlyList<int> items, RoutineContext context)
    {
        Assert.NotNull(context.Job);
        _batches.Enqueue(items.ToArray());
    }
}

/// <summary>Records what it gets, at most once a second.</summary>
[Routine]
public partial class Throttled
{
    private readonly ConcurrentQueue<int[]> _runs;

    public Throttled(ConcurrentQueue<int[]> runs) => _runs = runs;

    [Slot, Interval(1000)]
    public void Items(IReadOnlyList<int> items) => _runs.Enqueue(items.ToArray());
}

/// <summary>Runs when three messages are buffered.</summary>
[Routine]
public partial class ByThree
{
    private readonly ConcurrentQueue<int[]> _runs;

    public ByThree(ConcurrentQueue<int[]> runs) => _runs = runs;

    [Slot, ActivateWhen(nameof(HasThree))]
    public void Items(IReadOnlyList<int> items) => _runs.Enqueue(items.ToArray());

    private static bool HasThree(ActivationState state) => state.Buffered >= 3;
}

/// <summary>Pairs a number with a word, one of each per run.</summary>
[Routine]
public partial class Pairer
{
    private readonly ConcurrentQueue<string> _pairs;

    public Pairer(ConcurrentQueue<string> pairs) => _pairs = pairs;

    [Join]
    public void Pair(int left, string right) => _pairs.Enqueue($"{left}{right}");
}

/// <summary>Skips messages that make it throw, by its own attribute.</summary>
[Routine, OnError(ErrorStrategy.Skip)]
public partial class SkippingThrower
{
    [Slot]
    public void In(int value)
    {
        Out(value);
        throw new InvalidOperationException($"always fails on {value}");
    }

    [Emits]
    public partial void Out(int value);
}

/// <summary>Declares a retry with a negative count, which the flow must reject.</summary>
[Routine, OnError(ErrorStrategy.Retry, MaxRetries = -2)]
public partial class BadRetry
{
    [Slot]
    public void In(int value)
    {
    }
}

/// <summary>Declares a batch of zero, which the flow must reject.</summary>
[Routine]
public partial class BadBatch
{
    [Slot, Batch(0)]
    public void In(IReadOnlyList<int> values)
    {
    }
}

/// <summary>Keeps the first two messages when full, by its attribute.</summary>
[Routine]
public partial class SmallDropNewest
{
    private readonly ConcurrentQueue<int> _received;

    public SmallDropNewest(ConcurrentQueue<int> received) => _received = received;

    [Slot(Capacity = 2, WhenFull = QueueFullPolicy.DropNewest)]
    public void In(int value) => _received.Enqueue(value);
}

/// <summary>Sends every number both ways: as itself on A, and as its word on B.</summary>
[Routine]
public partial class Fork
{
    [Slot]
    public void In(int value)
    {
        A(value);
        B(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Emits]
    public partial void A(int value);

    [Emits]
    public partial void B(string value);
}

/// <summary>Passes words on in batches of up to 16, waiting at most 200 ms for a batch to fill.</summary>
[Routine]
public partial class WordBatcher
{
    [Slot, Batch(16, MaxWaitMilliseconds = 200)]
    public void In(IReadOnlyList<string> words)
    {
        foreach (var word in words)
        {
            Out(word);
        }
    }

    [Emits]
    public partial void Out(string word);
}
