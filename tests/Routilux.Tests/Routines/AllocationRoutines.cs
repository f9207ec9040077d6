using Routilux;

namespace Routilux.Tests.Routines;

/// <summary>
/// Measures, on its own thread, the bytes allocated while it pushes messages through the flow. Async emits deliver
/// at once, and idle downstream routines run inline, so the whole chain runs inside the measured section.
/// </summary>
[Routine]
public partial class IntAllocationProbe
{
    public long Allocated { get; private set; } = -1;

    [Slot]
    public async ValueTask Run(int count)
    {
        // The first pass warms every path (growing outboxes, JIT tiers); the second is measured.
        for (var i = 0; i < count; i++)
        {
            await Number(i);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < count; i++)
        {
            await Number(i);
        }

        Allocated = GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Emits]
    public partial ValueTask Number(int value);
}

/// <summary>The same probe with a reference payload.</summary>
[Routine]
public partial class StringAllocationProbe
{
    private static readonly string[] Words = ["alpha", "beta", "gamma", "delta"];

    public long Allocated { get; private set; } = -1;

    [Slot]
    public async ValueTask Run(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Word(Words[i & 3]);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < count; i++)
        {
            await Word(Words[i & 3]);
        }

        Allocated = GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Emits]
    public partial ValueTask Word(string word);
}

/// <summary>Passes a string on.</summary>
[Routine]
public partial class StringRelay
{
    [Slot]
    public void In(string word) => Out(word);

    [Emits]
    public partial void Out(string word);
}

/// <summary>Counts what it receives, allocating nothing.</summary>
[Routine]
public partial class Tally<T>
{
    public long Count { get; private set; }

    [Slot]
    public void In(T item) => Count++;
}
