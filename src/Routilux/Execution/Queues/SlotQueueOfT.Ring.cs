using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Routilux.Execution;

// The ring: its storage, the claim and publication of a place by a producer, and the consumer's take. The rules
// every member here follows are the contract at the top of SlotQueueOfT.cs (fences F1 to F4 are named there).
internal sealed partial class SlotQueue<T>
{
    // Places left unused at the start of the ring array (PaddedFlag.Spacing bytes at least), so that no place shares
    // a cache line with the array's header, which sits right after this object's last field: the message in hand,
    // which the consumer writes for every message.
    private static readonly int s_ringOffset = Math.Max(1, PaddedFlag.Spacing / Math.Max(1, Unsafe.SizeOf<Envelope>()));

    // The ring has a power of two of places (at least Capacity) so that a running count finds its place with a mask;
    // the count of messages is still bounded by Capacity, which producers check against the head (F2).
    private readonly int _mask;

    /// <summary>The ring's storage for a queue of <paramref name="capacity"/>: the unused places, then a power of two of places.</summary>
    private static Envelope[] NewRing(int capacity)
    {
        if (capacity is < 1 or > 1 << 30)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "A slot queue holds from 1 to 2^30 messages; choose a capacity in that range.");
        }

        return new Envelope[s_ringOffset + (int)BitOperations.RoundUpToPowerOf2((uint)capacity)];
    }

    /// <summary>
    /// Claims the place of the next message, or returns <see langword="false"/> when the queue is full. Producers;
    /// lock-free: a failed compare-and-swap means another producer claimed that place, and this one tries the next.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryClaim(out long tail)
    {
        tail = Volatile.Read(ref _indices.Tail);
        while (true)
        {
            // F2: room only as the head's last look shows it, so the place claimed is one the consumer is done with.
            if (tail - Volatile.Read(ref _indices.CachedHead) >= Capacity && !HasRoomAfterLook(tail))
            {
                return false;
            }

            var seen = Interlocked.CompareExchange(ref _indices.Tail, tail + 1, tail);
            if (seen == tail)
            {
                return true;
            }

            tail = seen;
        }
    }

    /// <summary>The queue looked full: looks at the real head, and shares what it saw with the other producers.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool HasRoomAfterLook(long tail)
    {
        // Acquire (F2). Racing producers may store their looks out of order: the view may move back a little, never
        // past the real head, so the worst is one look more.
        var head = Volatile.Read(ref _indices.Head);
        Volatile.Write(ref _indices.CachedHead, head);
        return tail - head < Capacity;
    }

    /// <summary>Writes a message into the place claimed for <paramref name="tail"/> and publishes it. The producer that claimed it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Publish(long tail, T payload, Job job)
    {
        ref var place = ref Place(tail);
        Debug.Assert(Volatile.Read(ref place.Sequence) != SequenceOf(tail), "A place is published twice.");
        Debug.Assert(place.Job is null, "A claimed place still holds a message the consumer has not taken.");
        place.Payload = payload;
        place.Job = job;

        // F1: an interlocked write, a full fence: the message is written before the consumer can see the place
        // published, and the place is published before the producer reads the cell's claim (ScheduleAfterFence).
        Interlocked.Exchange(ref place.Sequence, SequenceOf(tail));
    }

    /// <summary>Takes the published message at <paramref name="head"/> into hand and frees its place. The consumer (or an eviction, under the DropOldest lock).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Job TakeAt(long head)
    {
        ref var place = ref Place(head);
        Debug.Assert(Volatile.Read(ref place.Sequence) == SequenceOf(head), "The head is taken before it is published.");
        _inHandPayload = place.Payload;
        _received++;
        var job = place.Job;

        // Clear the place so the ring does not keep payloads or jobs alive. The sequence stays: it is what tells a
        // later lap's message apart from this one.
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            place.Payload = default!;
        }

        place.Job = null!;

        // Release (F2): the place is read and cleared before producers may see it free.
        Volatile.Write(ref _indices.Head, head + 1);
        return job;
    }

    /// <summary>Removes the head of a full DropOldest queue for a newer message; returns its job. Under the DropOldest lock.</summary>
    private Job EvictHead()
    {
        Debug.Assert(Monitor.IsEntered(_dropOldestLock!), "Only a DropOldest producer evicts, under the lock the consumer takes under too.");
        var head = _indices.Head;
        ref var place = ref Place(head);

        // Every place is published: producers of this queue publish under the same lock.
        Debug.Assert(Volatile.Read(ref place.Sequence) == SequenceOf(head), "A DropOldest queue's head is published.");
        var evicted = place.Job;
        place.Payload = default!;
        place.Job = null!;
        Volatile.Write(ref _indices.Head, head + 1);
        Volatile.Write(ref _indices.CachedHead, head + 1);
        return evicted;
    }

    private protected override bool RefreshPublished()
    {
        Owner.AssertClaimed();

        // Under DropOldest an eviction may move the head meanwhile (a plain 64-bit read is atomic); what is published
        // beyond it stays published, so the view only ever counts from the larger of the two.
        var head = Volatile.Read(ref _indices.Head);
        var from = Math.Max(_indices.Published, head);
        var limit = Math.Min(head + Capacity, from + Tuning.PlacesPerLook);
        while (from < limit && IsPublished(from))
        {
            from++;
        }

        _indices.Published = from;
        return from > head;
    }

    /// <summary>Whether the message of running count <paramref name="index"/> is published in its place. Acquire (F1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsPublished(long index) => Volatile.Read(ref Place(index).Sequence) == SequenceOf(index);

    /// <summary>
    /// What a place's sequence reads once the message of running count <paramref name="index"/> is published there:
    /// different from every other lap's through that place, as the ring has fewer than 2^32 places.
    /// </summary>
    private static int SequenceOf(long index) => unchecked((int)(index + 1));

    /// <summary>
    /// The ring's place for running count <paramref name="index"/>, past the unused places at its start. No bounds
    /// check: it would read the array's length, on the cache line the consumer writes for every message.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref Envelope Place(long index)
    {
        var position = (int)index & _mask;
        Debug.Assert(s_ringOffset + position < _ringStorage.Length, "Ring position out of range.");
        return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Unsafe.As<Envelope[]>(_ringStorage)), s_ringOffset + position);
    }

    private struct Envelope
    {
        // SequenceOf(index) once the message of that running count is published here; written last, by its producer.
        public int Sequence;
        public T Payload;
        public Job Job;
    }
}
