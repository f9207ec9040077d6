using System.ComponentModel;
using Routilux.Execution;

namespace Routilux;

/// <summary>Describes one event (output) of a routine, as written by the source generator.</summary>
public abstract class EventDescriptor
{
    /// <summary>For generated code; not part of the supported API. Creates the typed descriptor of an event whose payload is <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The payload type: the single parameter's type, a tuple of several, or <see cref="Unit"/>.</typeparam>
    /// <param name="name">The event's name, unique within its routine.</param>
    /// <param name="index">The event's position in <see cref="RoutineDescriptor.Events"/>.</param>
    /// <param name="parameterNames">The names of the payload parameters, in order.</param>
    /// <param name="summary">The XML doc summary of the emit method, or an empty string.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static EventDescriptor Create<T>(string name, int index, string[] parameterNames, string summary) =>
        new EventDescriptor<T>(name, index, parameterNames, summary);

    /// <summary>Creates an event descriptor; generated code calls <see cref="Create{T}"/>.</summary>
    /// <param name="name">The event's name, unique within its routine.</param>
    /// <param name="index">The event's position in <see cref="RoutineDescriptor.Events"/>.</param>
    /// <param name="payloadType">The payload type: the single parameter's type, a tuple of several, or <see cref="Unit"/>.</param>
    /// <param name="parameterNames">The names of the payload parameters, in order.</param>
    /// <param name="summary">The XML doc summary of the emit method, or an empty string.</param>
    private protected EventDescriptor(string name, int index, Type payloadType, string[] parameterNames, string summary)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(payloadType);
        ArgumentNullException.ThrowIfNull(parameterNames);
        Name = name;
        Index = index;
        PayloadType = payloadType;
        ParameterNames = parameterNames;
        Summary = summary ?? string.Empty;
    }

    /// <summary>The event's name, unique within its routine.</summary>
    public string Name { get; }

    /// <summary>The event's position among the routine's events.</summary>
    public int Index { get; }

    /// <summary>The type of the payload the event sends.</summary>
    public Type PayloadType { get; }

    /// <summary>The names of the payload parameters of the emit method, in order.</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>The XML doc summary of the emit method, or an empty string.</summary>
    public string Summary { get; }

    /// <summary>Creates this event's outlet for one routine instance (<paramref name="owner"/>), delivering to <paramref name="targets"/>.</summary>
    /// <param name="owner">The cell that emits on the outlet.</param>
    /// <param name="targets">Queues of connected slots; the flow checked that their payload type is this event's.</param>
    /// <param name="cuts">For each target, whether streams cross that connection through the queue (<see cref="StreamSegments"/>).</param>
    internal abstract EventOutlet CreateOutlet(RoutineCell owner, IReadOnlyList<SlotQueue> targets, bool[] cuts);

    /// <inheritdoc />
    public override string ToString() => $"{Name}({PayloadType.Name})";
}

/// <summary>The descriptor of an event whose payload is <typeparamref name="T"/>.</summary>
/// <typeparam name="T">The payload type.</typeparam>
internal sealed class EventDescriptor<T> : EventDescriptor
{
    public EventDescriptor(string name, int index, string[] parameterNames, string summary)
        : base(name, index, typeof(T), parameterNames, summary)
    {
    }

    internal override EventOutlet CreateOutlet(RoutineCell owner, IReadOnlyList<SlotQueue> targets, bool[] cuts)
    {
        var typed = new SlotQueue<T>[targets.Count];
        for (var i = 0; i < typed.Length; i++)
        {
            typed[i] = (SlotQueue<T>)targets[i];
        }

        return new EventOutlet<T>(owner, this, typed, cuts);
    }
}
