namespace Routilux;

// By name: routines added by their catalog name and policies set on "routine.Slot" references, as flow definitions
// need them. (The type's documentation is on FlowBuilder.cs.)
public sealed partial class FlowBuilder
{
    /// <summary>
    /// Adds a routine by its <see cref="RoutineCatalog"/> name (or full type name), created with its parameterless
    /// constructor for every worker. Its ports are named with strings: <c>flow.ConnectByName(tok.Event("Word"), cnt.Slot("Word"))</c>.
    /// Prefer <see cref="Add{TRoutine}(string)"/> when the type is known in code: its ports are checked by the compiler.
    /// </summary>
    /// <param name="id">The routine's id, unique within the flow.</param>
    /// <param name="routineName">The routine type's catalog name (<see cref="RoutineDescriptor.Name"/>) or full type name.</param>
    /// <returns>A handle that names the routine's ports.</returns>
    /// <exception cref="ArgumentException">No routine type, or several, are registered under <paramref name="routineName"/>; the message lists close matches and the known names.</exception>
    /// <remarks>A type without an accessible parameterless constructor is reported by <see cref="Build"/>, with the flow's other problems.</remarks>
    public RoutineHandle Add(string id, string routineName)
    {
        ArgumentNullException.ThrowIfNull(routineName);
        if (CatalogLookup.Find(routineName, out var problem) is not { } descriptor)
        {
            throw new ArgumentException($"Cannot add routine '{id}' to flow '{Id}' by name: {problem}.", nameof(routineName));
        }

        return new RoutineHandle(AddByDescriptor(id, descriptor, initialState: null, where: null));
    }

    /// <summary>Sets the error policy of one routine in this flow, overriding its <see cref="OnErrorAttribute"/> and the flow's policy.</summary>
    /// <param name="routine">The routine's handle, from <see cref="Add(string, string)"/>.</param>
    /// <param name="policy">The policy; its settings are checked by <see cref="Build"/>.</param>
    /// <returns>This builder.</returns>
    public FlowBuilder OnError(RoutineHandle routine, ErrorPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var node = routine.Node;
        if (!ReferenceEquals(node.Owner, this))
        {
            _problems.Add($"OnError was given routine '{node.Id}' of flow '{node.Owner.Id}', not of flow '{Id}'.");
            return this;
        }

        _routineErrorPolicies[node.Id] = policy;
        return this;
    }

    /// <summary>Sets the queue capacity of a slot named <c>"routineId.SlotName"</c>, as flow definitions do; checked by <see cref="Build"/>.</summary>
    /// <param name="slot">"routineId.SlotName".</param>
    /// <param name="capacity">The most messages the queue holds; at least 1.</param>
    /// <returns>This builder.</returns>
    public FlowBuilder SetCapacityByName(string slot, int capacity)
    {
        if (Parse(slot, "slot", nameof(SetCapacityByName)) is not { } reference)
        {
            return this;
        }

        if (capacity < 1)
        {
            _problems.Add($"Slot '{reference}' was given capacity {capacity}; a queue capacity must be at least 1.");
        }
        else
        {
            _capacities.Add((reference, capacity));
        }

        return this;
    }

    /// <summary>Sets what happens when the queue of a slot named <c>"routineId.SlotName"</c> is full, as flow definitions do; checked by <see cref="Build"/>.</summary>
    /// <param name="slot">"routineId.SlotName".</param>
    /// <param name="policy">The policy.</param>
    /// <returns>This builder.</returns>
    public FlowBuilder SetQueuePolicyByName(string slot, QueueFullPolicy policy)
    {
        if (!Enum.IsDefined(policy))
        {
            _problems.Add($"SetQueuePolicyByName was given an unknown queue policy ({(int)policy}); use Wait, Fail, DropOldest or DropNewest.");
            return this;
        }

        if (Parse(slot, "slot", nameof(SetQueuePolicyByName)) is { } reference)
        {
            _queuePolicies.Add((reference, policy));
        }

        return this;
    }

    /// <summary>
    /// Adds a routine of a known descriptor, created with its parameterless constructor (and given
    /// <paramref name="initialState"/>); a type without one is recorded as a problem naming <paramref name="where"/>
    /// (a JSON path) when given.
    /// </summary>
    internal RoutineNode AddByDescriptor(string id, RoutineDescriptor descriptor, RoutineInitialState? initialState, string? where)
    {
        if (!descriptor.CanCreateInstance)
        {
            _problems.Add(
                $"{(where is null ? string.Empty : where + ": ")}Routine '{id}' ({descriptor.RoutineType.FullName}) has no accessible parameterless constructor, " +
                "so it cannot be created by name. Add a public parameterless constructor, or add the routine by type with a factory: " +
                $"flow.Add(\"{id}\", () => new {descriptor.RoutineType.Name}(...)).");
        }

        return AddNode(id, descriptor, descriptor.CreateInstance, initialState);
    }

}
