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

    /// <summary>The error policy set for the whole flow (<see cref="FlowBuilder.OnError(ErrorPolicy)"/>), or null: what a flow definition writes.</summary>
    internal ErrorPolicy? FlowErrorPolicy { get; init; }

    /// <summary>
    /// Writes the flow as a flow definition (see <see cref="FlowDefinition"/>): the JSON that
    /// <see cref="FlowDefinition.Load(string)"/> reads back into an equal flow.
    /// </summary>
    /// <returns>The definition, indented, its members in a stable order.</returns>
    /// <exception cref="InvalidOperationException">A routine's type is not in the <see cref="RoutineCatalog"/> (a generic routine), or a policy cannot be written; the message names it.</exception>
    public string ToDefinitionJson() => FlowDefinition.Write(this);

    /// <summary>
    /// The typed port of an entry slot named <c>"routineId.SlotName"</c>, to post jobs to a flow whose routines were
    /// added by name (<see cref="FlowDefinition.Load(string)"/>): <c>worker.RunAsync(flow.Entry&lt;string&gt;("tok.Text"), "a b")</c>.
    /// </summary>
    /// <typeparam name="T">The slot's payload type.</typeparam>
    /// <param name="slot">"routineId.SlotName".</param>
    /// <returns>The port.</returns>
    /// <exception cref="ArgumentException">The flow has no such slot, it is not an entry, or its payload type is not <typeparamref name="T"/>; the message says which.</exception>
    public SlotPort<T> Entry<T>(string slot)
    {
        ArgumentNullException.ThrowIfNull(slot);
        var dot = slot.LastIndexOf('.');
        var routine = dot > 0 ? FindRoutine(slot[..dot]) : null;
        if (routine is null)
        {
            throw new ArgumentException(
                $"Flow '{Id}' has no slot '{slot}': name an entry as \"routineId.SlotName\". Its entries: {DescribeEntries()}.", nameof(slot));
        }

        var descriptor = routine.Descriptor.FindSlot(slot[(dot + 1)..]);
        if (descriptor is null || !routine.IsEntry(descriptor.Index))
        {
            var what = descriptor is null ? $"routine '{routine.Id}' ({routine.Descriptor.Name}) has no slot '{slot[(dot + 1)..]}'" : $"slot '{slot}' is not an entry";
            throw new ArgumentException($"Flow '{Id}': {what}. Its entries: {DescribeEntries()}.", nameof(slot));
        }

        if (descriptor.PayloadType != typeof(T))
        {
            throw new ArgumentException(
                $"Entry '{slot}' of flow '{Id}' takes {TypeNames.Display(descriptor.PayloadType)}, not {TypeNames.Display(typeof(T))}: " +
                $"ask for Entry<{TypeNames.Display(descriptor.PayloadType)}>(\"{slot}\").", nameof(slot));
        }

        return new SlotPort<T>(routine.Node, descriptor);
    }

    /// <summary>
    /// Describes the flow: routines with typed ports, connections, entries and dependencies; <c>Describe().ToJson()</c>
    /// for JSON, <c>Describe().ToMarkdown()</c> for docs, <c>Describe().ToMermaid()</c> for a graph.
    /// </summary>
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
