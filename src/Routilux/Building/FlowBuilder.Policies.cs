namespace Routilux;

// Policies: error strategies for the flow and its routines, queue policies for slots. (The type's documentation is on FlowBuilder.cs.)
public sealed partial class FlowBuilder
{
    private readonly Dictionary<string, ErrorPolicy> _routineErrorPolicies = new(StringComparer.Ordinal);
    private readonly List<(PortReference Slot, QueueFullPolicy Policy)> _queuePolicies = new();
    private ErrorPolicy? _flowErrorPolicy;

    /// <summary>
    /// Sets the error policy of the whole flow: it applies to every routine that sets none of its own
    /// (with <see cref="OnErrorAttribute"/> or <see cref="OnError{TRoutine}(RoutineHandle{TRoutine}, ErrorPolicy)"/>).
    /// The default is <see cref="ErrorPolicy.Stop"/>.
    /// </summary>
    /// <param name="policy">The policy; its settings are checked by <see cref="Build"/>.</param>
    /// <returns>This builder.</returns>
    public FlowBuilder OnError(ErrorPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _flowErrorPolicy = policy;
        return this;
    }

    /// <summary>Sets the error policy of one routine in this flow, overriding its <see cref="OnErrorAttribute"/> and the flow's policy.</summary>
    /// <typeparam name="TRoutine">The routine class.</typeparam>
    /// <param name="routine">The routine's handle.</param>
    /// <param name="policy">The policy; its settings are checked by <see cref="Build"/>.</param>
    /// <returns>This builder.</returns>
    public FlowBuilder OnError<TRoutine>(RoutineHandle<TRoutine> routine, ErrorPolicy policy)
        where TRoutine : class, IRoutineDefinition<TRoutine>
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

    /// <summary>Sets what happens when a slot's queue is full, overriding <see cref="SlotAttribute.WhenFull"/>.</summary>
    /// <typeparam name="T">The slot's payload type.</typeparam>
    /// <param name="slot">The slot.</param>
    /// <param name="policy">The policy.</param>
    /// <returns>This builder.</returns>
    public FlowBuilder SetQueuePolicy<T>(SlotPort<T> slot, QueueFullPolicy policy)
    {
        if (!Enum.IsDefined(policy))
        {
            _problems.Add($"SetQueuePolicy was given an unknown queue policy ({(int)policy}); use Wait, Fail, DropOldest or DropNewest.");
            return this;
        }

        if (Reference(slot.Node, slot.Slot?.Name, nameof(SetQueuePolicy)) is { } reference)
        {
            _queuePolicies.Add((reference, policy));
        }

        return this;
    }

    /// <summary>The error policy that applies to <paramref name="node"/>: its own in this flow, its attribute, the flow's, or Stop.</summary>
    private ErrorPolicy ResolveErrorPolicy(RoutineNode node, List<string> problems)
    {
        string owner;
        ErrorPolicy policy;
        if (_routineErrorPolicies.TryGetValue(node.Id, out var set))
        {
            (policy, owner) = (set, $"Routine '{node.Id}' ({node.Descriptor.Name})");
        }
        else if (node.Descriptor.ErrorPolicy is { } declared)
        {
            (policy, owner) = (declared, $"Routine '{node.Id}' ({node.Descriptor.Name}, from its [OnError] attribute)");
        }
        else
        {
            return _flowErrorPolicy ?? ErrorPolicy.Stop;
        }

        problems.AddRange(policy.Validate(owner));
        return policy;
    }

    private static QueueFullPolicy[] QueuePoliciesFromDescriptor(RoutineDescriptor descriptor)
    {
        var policies = new QueueFullPolicy[descriptor.Slots.Count];
        for (var i = 0; i < policies.Length; i++)
        {
            policies[i] = descriptor.Slots[i].WhenFull;
        }

        return policies;
    }
}
