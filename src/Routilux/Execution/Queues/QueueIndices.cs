using System.Runtime.InteropServices;

namespace Routilux.Execution;

/// <summary>
/// The running counts of a <see cref="SlotQueue"/>, split by who writes them onto cache lines of their own. Producers
/// write the tail side, the consumer the head side; each side keeps a view of the other's progress and looks at the
/// real one only when its view says full (producers) or empty (the consumer). A producer and a consumer on two cores
/// then exchange a cache line once per batch of messages rather than several times per message. Who may read and
/// write each field is the queue's contract (top of SlotQueueOfT.cs).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 3 * Spacing)]
internal struct QueueIndices
{
    private const int Spacing = PaddedFlag.Spacing;

    // Producer side.

    /// <summary>Places ever claimed by producers (the tail as a running count); a claimed place may not be published yet.</summary>
    [FieldOffset(Spacing)]
    public long Tail;

    /// <summary>The producers' shared last look at <see cref="Head"/>; refreshed when it says the queue is full.</summary>
    [FieldOffset(Spacing + 8)]
    public long CachedHead;

    // Consumer side.

    /// <summary>Messages ever taken or evicted (the head as a running count).</summary>
    [FieldOffset(2 * Spacing)]
    public long Head;

    /// <summary>
    /// The consumer's view of how far the queue is published: every place from <see cref="Head"/> up to this count
    /// held a published message when the consumer last looked. Advanced by looking at places, never at the tail.
    /// </summary>
    [FieldOffset((2 * Spacing) + 8)]
    public long Published;
}
