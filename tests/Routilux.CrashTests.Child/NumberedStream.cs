using Routilux;

namespace Routilux.CrashTests.Child;

/// <summary>
/// Emits the numbers 0 .. Total − 1 in chunks: each chunk ends by sending itself a continuation message, so the stream
/// is in-flow messages all the way, and a checkpoint can fall between any two chunks or inside one.
/// </summary>
[Routine]
public partial class NumberSource
{
    // Configuration, rebuilt by the flow's factory on every start: not state.
    private readonly int _chunk;
    private readonly TimeSpan _pausePerChunk;

    public NumberSource(int chunk, TimeSpan pausePerChunk)
    {
        _chunk = chunk;
        _pausePerChunk = pausePerChunk;
    }

    /// <summary>The next number to emit.</summary>
    [State]
    public long Next { get; set; }

    /// <summary>How many numbers the stream has.</summary>
    [State]
    public long Total { get; set; }

    /// <summary>Continuations whose number was not the state's <see cref="Next"/>: a message applied twice or lost.</summary>
    [State]
    public long Mismatches { get; set; }

    [Slot]
    public void Start(long total)
    {
        Total = total;
        Next = 0;
        More(0);
    }

    [Slot]
    public void Continue(long from)
    {
        if (from != Next)
        {
            Mismatches++;
        }

        var end = Math.Min(Next + _chunk, Total);
        for (var number = Next; number < end; number++)
        {
            Number(number);
        }

        Next = end;

        // A bound on the stream's speed, so that random kills land in the middle of it, not after it.
        Thread.Sleep(_pausePerChunk);
        if (Next < Total)
        {
            More(Next);
        }
    }

    [Emits]
    public partial void Number(long value);

    [Emits]
    public partial void More(long from);
}

/// <summary>Counts, sums and checksums the stream in order, and counts every number that is not the one expected next.</summary>
[Routine]
public partial class Accumulator
{
    [State]
    public long Count { get; set; }

    [State]
    public long Sum { get; set; }

    /// <summary>An order-sensitive hash of everything received (FNV-1a over the numbers).</summary>
    [State]
    public ulong Checksum { get; set; } = 14695981039346656037UL;

    /// <summary>The number expected next.</summary>
    [State]
    public long Expected { get; set; }

    /// <summary>Numbers that were not the one expected: duplicated, lost or reordered.</summary>
    [State]
    public long OutOfOrder { get; set; }

    [Slot]
    public void Number(long value)
    {
        if (value != Expected)
        {
            OutOfOrder++;
        }

        Expected = value + 1;
        Count++;
        Sum += value;
        Checksum = unchecked((Checksum ^ (ulong)value) * 1099511628211UL);
    }

    /// <summary>The line the parent compares between runs.</summary>
    public string Describe(NumberSource source) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"count={Count} sum={Sum} checksum={Checksum:x16} expected={Expected} outOfOrder={OutOfOrder} next={source.Next} total={source.Total} mismatches={source.Mismatches}");
}
