using System.Runtime.InteropServices;

namespace Routilux.Execution;

/// <summary>
/// The positions of a <see cref="SlotQueue"/>, split by who writes them onto cache lines of their own. Producers
/// write the tail side, the consumer the head side; each side keeps a cached copy of the other's position and reads
/// the real one only when the copy says full (producers) or empty (the consumer). A producer and a consumer on two
/// cores then exchange a cache line once per batch of messages rather than several times per message.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 3 * Spacing)]
internal struct QueueIndices
{
    private const int Spacing = PaddedFlag.Spacing;

    // Producer side, written under the producers' lock.

    /// <summary>Messages ever enqueued (the tail as a running count).</summary>
    [FieldOffset(Spacing)]
    public long Tail;

    /// <summary>The producers' last look at <see cref="Head"/>; refreshed when it says the queue is full.</summary>
    [FieldOffset(Spacing + 8)]
    public long CachedHead;

    /// <summary>Where the next message goes in the ring.</summary>
    [FieldOffset(Spacing + 16)]
    public int TailPosition;

    /// <summary>The producers' spin lock: 1 while a producer enqueues or registers a waiter.</summary>
    [FieldOffset(Spacing + 20)]
    public int ProducerLock;

    // Consumer side, written by the owning cell only (and by a DropOldest eviction, under the producers' lock).

    /// <summary>Messages ever taken (the head as a running count).</summary>
    [FieldOffset(2 * Spacing)]
    public long Head;

    /// <summary>The consumer's last look at <see cref="Tail"/>; refreshed when it says the queue is empty.</summary>
    [FieldOffset((2 * Spacing) + 8)]
    public long CachedTail;

    /// <summary>Where the head message is in the ring.</summary>
    [FieldOffset((2 * Spacing) + 16)]
    public int HeadPosition;

    /// <summary>
    /// 1 while producers wait for room. Written rarely (by producers, under their lock), read by the consumer on
    /// every take, so it lives on the consumer's line.
    /// </summary>
    [FieldOffset((2 * Spacing) + 20)]
    public int HasWaiters;
}
