using System.ComponentModel;

namespace Routilux;

/// <summary>
/// A routine added to a flow under an id. The source generator adds extension methods named after the routine's
/// slots and events (<c>handle.Text()</c>, <c>handle.Word()</c>) that return typed ports for
/// <see cref="FlowBuilder.Connect{T}(EventPort{T}, SlotPort{T})"/> and <see cref="FlowBuilder.Entry{T}(SlotPort{T})"/>.
/// </summary>
/// <typeparam name="TRoutine">The routine class.</typeparam>
public readonly struct RoutineHandle<TRoutine>
    where TRoutine : class, IRoutineDefinition<TRoutine>
{
    private readonly RoutineNode _node;

    internal RoutineHandle(RoutineNode node) => _node = node;

    /// <summary>The routine's id in its flow.</summary>
    public string Id => Node.Id;

    internal RoutineNode Node => _node ?? throw new InvalidOperationException("This routine handle was default-initialized; get handles from FlowBuilder.Add.");

    /// <summary>For generated code; not part of the supported API. Returns the typed port of slot <paramref name="index"/>, for the generated port extension methods.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public SlotPort<TPayload> GetSlotPort<TPayload>(int index) => new(Node, Node.Descriptor.Slots[index]);

    /// <summary>For generated code; not part of the supported API. Returns the typed port of event <paramref name="index"/>, for the generated port extension methods.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public EventPort<TPayload> GetEventPort<TPayload>(int index) => new(Node, Node.Descriptor.Events[index]);

    /// <inheritdoc />
    public override string ToString() => _node is null ? "(none)" : $"{_node.Id} ({_node.Descriptor.Name})";
}
