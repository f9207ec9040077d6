namespace Routilux;

/// <summary>A routine in a built <see cref="Flow"/>: its id, its descriptor, and which of its slots are entries.</summary>
public sealed class FlowRoutine
{
    private readonly Func<IRoutine> _factory;
    private readonly int[] _capacities;
    private readonly QueueFullPolicy[] _queuePolicies;
    private readonly bool[] _entries;

    internal FlowRoutine(RoutineNode node, int index, int[] capacities, QueueFullPolicy[] queuePolicies, bool[] entries, ErrorPolicy errorPolicy)
    {
        Node = node;
        Index = index;
        _factory = node.Factory;
        _capacities = capacities;
        _queuePolicies = queuePolicies;
        _entries = entries;
        ErrorPolicy = errorPolicy;
    }

    /// <summary>The error policy in force for this routine: its own, else the flow's, else Stop.</summary>
    public ErrorPolicy ErrorPolicy { get; }

    /// <summary>The error policy set for this routine in its flow (not its attribute's), or null: what a flow definition writes.</summary>
    internal ErrorPolicy? OwnErrorPolicy { get; init; }

    /// <summary>The state each instance starts with (a flow definition's "config"), or null for its constructor's.</summary>
    internal RoutineInitialState? InitialState => Node.InitialState;

    /// <summary>What happens when slot <paramref name="slot"/>'s queue is full, in this flow (set with <see cref="FlowBuilder.SetQueuePolicy{T}"/>).</summary>
    /// <param name="slot">The slot's index in <see cref="RoutineDescriptor.Slots"/>.</param>
    /// <returns>The slot's queue policy.</returns>
    public QueueFullPolicy GetQueuePolicy(int slot) => _queuePolicies[slot];

    /// <summary>The routine's id in the flow.</summary>
    public string Id => Node.Id;

    /// <summary>The routine type's descriptor.</summary>
    public RoutineDescriptor Descriptor => Node.Descriptor;

    /// <summary>The routine's position in <see cref="Flow.Routines"/>.</summary>
    public int Index { get; }

    internal RoutineNode Node { get; }

    /// <summary>The queue capacity of slot <paramref name="slot"/> in this flow (set with <see cref="FlowBuilder.SetCapacity{T}"/>).</summary>
    /// <param name="slot">The slot's index in <see cref="RoutineDescriptor.Slots"/>.</param>
    /// <returns>The most messages the slot's queue holds.</returns>
    public int GetCapacity(int slot) => _capacities[slot];

    /// <summary>Whether slot <paramref name="slot"/> is an entry: a slot jobs can be posted to from outside.</summary>
    /// <param name="slot">The slot's index in <see cref="RoutineDescriptor.Slots"/>.</param>
    public bool IsEntry(int slot) => _entries[slot];

    /// <summary>Creates a fresh instance for a new worker.</summary>
    internal IRoutine CreateInstance()
    {
        var instance = _factory() ?? throw new InvalidOperationException($"The factory of routine '{Id}' returned null; it must return a new instance.");
        return instance;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Id} ({Descriptor.Name})";
}
