using System.Runtime.InteropServices;

namespace Routilux.Execution;

/// <summary>
/// An <see cref="int"/> on a cache line of its own, for a value that another core touches on every message while
/// the fields around it are written by their owner: a cell's "scheduled" claim, which every producer reads, and a
/// job's pending count, which producers update while consumers read the job's status.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 2 * Spacing)]
internal struct PaddedFlag
{
    /// <summary>The distance that keeps two fields off each other's cache lines (see <see cref="Tuning.CacheLineSpacing"/>).</summary>
    public const int Spacing = Tuning.CacheLineSpacing;

    /// <summary>The value.</summary>
    [FieldOffset(Spacing)]
    public int Value;
}
