namespace Routilux;

/// <summary>
/// An immutable, validated flow: routines by id, connections from events to slots, and entry slots. Built by
/// <see cref="FlowBuilder.Build"/>; run by creating workers with <see cref="Runtime.CreateWorker(Flow, WorkerOptions?, CancellationToken)"/>.
/// </summary>
public sealed class Flow
{
    private readonly Dictionary<string, FlowRoutine> _byId;

    internal Flow(string id, FlowBuilder builder, FlowRoutine[] routines, Connection[] connections)
    {
        Id = id;
        Builder = builder;
        Routines = routines;
        Connections = connections;
        _byId = new Dictionary<string, FlowRoutine>(StringComparer.Ordinal);
        foreach (var routine in routines)
        {
            _byId.Add(routine.Id, routine);
        }
    }

    /// <summary>The flow's id.</summary>
    public string Id { get; }

    /// <summary>The routines, in the order they were added.</summary>
    public IReadOnlyList<FlowRoutine> Routines { get; }

    /// <summary>The connections, in the order they were made.</summary>
    public IReadOnlyList<Connection> Connections { get; }

    internal FlowBuilder Builder { get; }

    /// <summary>Describes the flow: routines with typed ports, connections, entries and dependencies; <c>Describe().ToJson()</c> for JSON.</summary>
    public FlowDescription Describe() => new(this);

    /// <summary>Finds a routine by id.</summary>
    /// <returns>The routine, or <see langword="null"/> when the flow has none with that id.</returns>
    public FlowRoutine? FindRoutine(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Returns the routine that owns <paramref name="node"/>'s port, or explains why the port is not of this flow.</summary>
    /// <param name="node">The port's routine.</param>
    /// <param name="slotName">The port's slot, for the message only: nothing is formatted unless the port is foreign.</param>
    internal FlowRoutine Resolve(RoutineNode? node, string slotName)
    {
        if (node is null)
        {
            throw PortGuard.Default();
        }

        if (!ReferenceEquals(node.Owner, Builder) || node.Index >= Routines.Count || !ReferenceEquals(Routines[node.Index].Node, node))
        {
            // Two builders may share an id; then "belongs to flow 'x', not to flow 'x'" would contradict itself.
            var owner = node.Owner.Id == Id ? $"another FlowBuilder (also with id '{Id}')" : $"flow '{node.Owner.Id}'";
            throw new ArgumentException(
                $"Slot '{node.Id}.{slotName}' belongs to {owner}, not to this flow '{Id}'. Post with ports taken from this flow's own routine handles.");
        }

        return Routines[node.Index];
    }

    /// <summary>Describes the entry slots as "routine.Slot" for messages.</summary>
    internal string DescribeEntries()
    {
        var entries = new List<string>();
        foreach (var routine in Routines)
        {
            for (var i = 0; i < routine.Descriptor.Slots.Count; i++)
            {
                if (routine.IsEntry(i))
                {
                    entries.Add($"{routine.Id}.{routine.Descriptor.Slots[i].Name}");
                }
            }
        }

        return string.Join(", ", entries);
    }

    /// <inheritdoc />
    public override string ToString() => $"Flow {Id} ({Routines.Count} routines, {Connections.Count} connections)";
}
