using System.ComponentModel;
using Routilux.Execution;

namespace Routilux;

/// <summary>Describes one slot (input) of a routine, as written by the source generator.</summary>
public abstract class SlotDescriptor
{
    /// <summary>The queue capacity a slot gets when its <see cref="SlotAttribute.Capacity"/> is not set.</summary>
    public const int DefaultCapacity = 1000;

    /// <summary>For generated code; not part of the supported API. Creates the typed descriptor of a slot whose payload is <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The payload type: the single parameter's type, a tuple of several, or <see cref="Unit"/>.</typeparam>
    /// <param name="name">The slot's name, unique within its routine.</param>
    /// <param name="index">The slot's position in <see cref="RoutineDescriptor.Slots"/>.</param>
    /// <param name="parameterNames">The names of the payload parameters, in order.</param>
    /// <param name="summary">The XML doc summary of the slot method, or an empty string.</param>
    /// <param name="optional">Whether a flow may leave the slot unconnected.</param>
    /// <param name="capacity">The queue capacity, or zero for <see cref="DefaultCapacity"/>.</param>
    /// <param name="whenFull">What happens when the queue is full.</param>
    /// <param name="activation">When the handler runs; <see langword="null"/> for <see cref="ActivationPolicy.Immediate"/>.</param>
    /// <param name="joinGroup">For a join slot, the index of the join's first slot (the slot its handler is invoked with); otherwise -1.</param>
    /// <param name="payloadSerializer">Writes and reads the payload as JSON (for checkpoints and hosts); <see langword="null"/> only in code written before serializers were generated.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static SlotDescriptor Create<T>(
        string name, int index, string[] parameterNames, string summary, bool optional, int capacity,
        QueueFullPolicy whenFull = QueueFullPolicy.Wait, ActivationPolicy? activation = null, int joinGroup = -1,
        Serialization.PayloadSerializer<T>? payloadSerializer = null) =>
        new SlotDescriptor<T>(name, index, parameterNames, summary, optional, capacity, whenFull, activation ?? ActivationPolicy.Immediate, joinGroup, payloadSerializer);

    /// <summary>Creates a slot descriptor; generated code calls <see cref="Create{T}"/>.</summary>
    /// <param name="name">The slot's name, unique within its routine.</param>
    /// <param name="index">The slot's position in <see cref="RoutineDescriptor.Slots"/>.</param>
    /// <param name="payloadType">The payload type: the single parameter's type, a tuple of several, or <see cref="Unit"/>.</param>
    /// <param name="parameterNames">The names of the payload parameters, in order.</param>
    /// <param name="summary">The XML doc summary of the slot method, or an empty string.</param>
    /// <param name="optional">Whether a flow may leave the slot unconnected.</param>
    /// <param name="capacity">The queue capacity, or zero for <see cref="DefaultCapacity"/>.</param>
    /// <param name="whenFull">What happens when the queue is full.</param>
    /// <param name="activation">When the handler runs.</param>
    /// <param name="joinGroup">For a join slot, the index of the join's first slot; otherwise -1.</param>
    private protected SlotDescriptor(
        string name, int index, Type payloadType, string[] parameterNames, string summary, bool optional, int capacity,
        QueueFullPolicy whenFull, ActivationPolicy activation, int joinGroup)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(payloadType);
        ArgumentNullException.ThrowIfNull(parameterNames);
        if (capacity < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, $"Slot '{name}' has a negative capacity; use a positive number or zero for the default ({DefaultCapacity}).");
        }

        Name = name;
        Index = index;
        PayloadType = payloadType;
        ParameterNames = parameterNames;
        Summary = summary ?? string.Empty;
        Optional = optional;
        Capacity = capacity == 0 ? DefaultCapacity : capacity;
        WhenFull = whenFull;
        Activation = activation;
        JoinGroup = joinGroup;
    }

    /// <summary>When the slot's handler runs.</summary>
    public ActivationPolicy Activation { get; }

    /// <summary>For a slot of a <see cref="JoinAttribute"/> method, the index of the join's first slot; otherwise -1.</summary>
    public int JoinGroup { get; }

    /// <summary>What happens when a message arrives and the queue is full.</summary>
    public QueueFullPolicy WhenFull { get; }

    /// <summary>The slot's name, unique within its routine.</summary>
    public string Name { get; }

    /// <summary>The slot's position among the routine's slots.</summary>
    public int Index { get; }

    /// <summary>The type of the payload the slot accepts.</summary>
    public Type PayloadType { get; }

    /// <summary>The names of the payload parameters of the slot method, in order.</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>The XML doc summary of the slot method, or an empty string.</summary>
    public string Summary { get; }

    /// <summary>Whether a flow may leave this slot unconnected.</summary>
    public bool Optional { get; }

    /// <summary>The bounded capacity of the slot's queue.</summary>
    public int Capacity { get; }

    /// <summary>Whether the slot's payload can be written to and read from JSON (checkpoints need it for queued messages).</summary>
    public abstract bool CanSerializePayload { get; }

    /// <summary>Creates the bounded queue of this slot for one routine instance, typed so payloads are never boxed.</summary>
    internal abstract SlotQueue CreateQueue(RoutineCell owner, int capacity, QueueFullPolicy policy);

    /// <summary>Creates the per-job buffer a non-immediate activation keeps between the queue and the handler.</summary>
    internal abstract SlotBuffer CreateBuffer(RoutineCell owner, SlotQueue queue);

    /// <inheritdoc />
    public override string ToString() => $"{Name}({PayloadType.Name})";
}

/// <summary>The descriptor of a slot whose payload is <typeparamref name="T"/>.</summary>
/// <typeparam name="T">The payload type.</typeparam>
internal sealed class SlotDescriptor<T> : SlotDescriptor
{
    public SlotDescriptor(
        string name, int index, string[] parameterNames, string summary, bool optional, int capacity,
        QueueFullPolicy whenFull, ActivationPolicy activation, int joinGroup, Serialization.PayloadSerializer<T>? payloadSerializer)
        : base(name, index, typeof(T), parameterNames, summary, optional, capacity, whenFull, activation, joinGroup)
    {
        PayloadSerializer = payloadSerializer;
    }

    /// <summary>Writes and reads the payload as JSON, or <see langword="null"/> when the generator wrote none.</summary>
    public Serialization.PayloadSerializer<T>? PayloadSerializer { get; }

    public override bool CanSerializePayload => PayloadSerializer is not null;

    internal override SlotQueue CreateQueue(RoutineCell owner, int capacity, QueueFullPolicy policy) => new SlotQueue<T>(owner, this, capacity, policy);

    internal override SlotBuffer CreateBuffer(RoutineCell owner, SlotQueue queue) =>
        Activation.Kind == ActivationKind.AllSlotsReady
            ? new JoinSlotBuffer<T>(owner, (SlotQueue<T>)queue)
            : new BatchSlotBuffer<T>(owner, (SlotQueue<T>)queue);
}
