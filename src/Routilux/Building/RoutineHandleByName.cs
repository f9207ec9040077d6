using System.Diagnostics;

namespace Routilux;

/// <summary>
/// A routine added to a flow by its catalog name (<see cref="FlowBuilder.Add(string, string)"/>), whose type the
/// compiler does not know. Its ports are named with strings, for the by-name methods:
/// <c>flow.ConnectByName(tok.Event("Word"), cnt.Slot("Word"))</c>. Names are checked when the flow is built.
/// Prefer <see cref="FlowBuilder.Add{TRoutine}(string)"/> when the type is known: its typed ports are checked by the compiler.
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
public readonly struct RoutineHandle
{
    // Invariant: _node is null only for a default-initialized handle, which every member rejects.
    private readonly RoutineNode _node;

    internal RoutineHandle(RoutineNode node)
    {
        Debug.Assert(node is not null, "A handle is made from the node FlowBuilder added.");
        _node = node;
    }

    /// <summary>The routine's id in its flow.</summary>
    public string Id => Node.Id;

    /// <summary>The routine type's descriptor: its catalog name, slots and events.</summary>
    public RoutineDescriptor Descriptor => Node.Descriptor;

    internal RoutineNode Node => _node ?? throw new InvalidOperationException("This routine handle was default-initialized; get handles from FlowBuilder.Add.");

    /// <summary>The reference <c>"routineId.SlotName"</c> to one of the routine's slots, for <see cref="FlowBuilder.ConnectByName"/> and <see cref="FlowBuilder.EntryByName"/>.</summary>
    /// <param name="name">The slot's name; checked when the flow is built.</param>
    /// <returns>The reference.</returns>
    public string Slot(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return $"{Node.Id}.{name}";
    }

    /// <summary>The reference <c>"routineId.EventName"</c> to one of the routine's events, for <see cref="FlowBuilder.ConnectByName"/>.</summary>
    /// <param name="name">The event's name; checked when the flow is built.</param>
    /// <returns>The reference.</returns>
    public string Event(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return $"{Node.Id}.{name}";
    }

    /// <inheritdoc />
    public override string ToString() => _node is null ? "(none)" : $"{_node.Id} ({_node.Descriptor.Name})";
}
