using System.Diagnostics;
using System.Text.Json;
using Routilux.Serialization;

namespace Routilux.Execution;

/// <summary>
/// Payloads of one slot or event taken at a checkpoint's cut, each with its job and a number (a message's sequence in
/// its slot, where the document needs one). The cut only copies references here while dispatch is stopped; the
/// payloads are serialized after dispatch has resumed (payloads are treated as immutable once emitted or posted).
/// </summary>
/// <remarks>Invariant: <see cref="Jobs"/>, <see cref="Numbers"/> and the typed items have the same count. One thread: the checkpoint's.</remarks>
internal abstract class CapturedPayloads
{
    protected CapturedPayloads(string owner, Type payloadType)
    {
        Owner = owner;
        PayloadType = payloadType;
    }

    /// <summary>"routine.Slot" or "routine.Event", for error messages.</summary>
    public string Owner { get; }

    public Type PayloadType { get; }

    public List<Job> Jobs { get; } = new();

    public List<long> Numbers { get; } = new();

    public int Count => Jobs.Count;

    /// <summary>Writes item <paramref name="index"/>'s payload as one JSON value.</summary>
    /// <exception cref="RoutiluxSerializationException">The payload type has no serializer.</exception>
    public abstract void WritePayload(Utf8JsonWriter writer, int index);

    [Conditional("DEBUG")]
    protected void AssertInvariants(int items) =>
        Debug.Assert(items == Jobs.Count && items == Numbers.Count, "Captured payloads, jobs and numbers have one count.");
}

/// <summary>The captured payloads of a slot or event whose payload is <typeparamref name="T"/>.</summary>
internal sealed class CapturedPayloads<T> : CapturedPayloads
{
    private readonly PayloadSerializer<T>? _serializer;
    private readonly List<T> _items = new();

    public CapturedPayloads(string owner, PayloadSerializer<T>? serializer)
        : base(owner, typeof(T))
    {
        _serializer = serializer;
    }

    public IReadOnlyList<T> Items => _items;

    public void Add(T item, Job job, long number = 0)
    {
        _items.Add(item);
        Jobs.Add(job);
        Numbers.Add(number);
        AssertInvariants(_items.Count);
    }

    public override void WritePayload(Utf8JsonWriter writer, int index)
    {
        if (_serializer is null)
        {
            throw PayloadJson.NoSerializer(Owner, typeof(T), Count);
        }

        _serializer.Write(writer, _items[index]);
    }
}
