namespace Routilux;

// Validation: turns what was recorded into an immutable <see cref="Flow"/>, or one exception listing every problem. (The type's documentation is on FlowBuilder.cs.)
public sealed partial class FlowBuilder
{
    /// <summary>
    /// Validates the definition and builds the flow. Checks that routine ids are unique, that every connection and
    /// entry names an existing routine and port with matching payload types, that the flow has an entry, and that
    /// every slot is connected, an entry, or declared <see cref="SlotAttribute.Optional"/>.
    /// </summary>
    /// <returns>The immutable flow.</returns>
    /// <exception cref="FlowValidationException">The definition has problems; the exception lists all of them.</exception>
    public Flow Build()
    {
        var problems = new List<string>(_problems);
        var byId = new Dictionary<string, RoutineNode>(StringComparer.Ordinal);
        foreach (var node in _routines)
        {
            byId.TryAdd(node.Id, node);
        }

        var entries = _routines.ConvertAll(n => new bool[n.Descriptor.Slots.Count]);
        var connected = _routines.ConvertAll(n => new bool[n.Descriptor.Slots.Count]);
        var capacities = _routines.ConvertAll(n => CapacitiesFromDescriptor(n.Descriptor));
        var queuePolicies = _routines.ConvertAll(n => QueuePoliciesFromDescriptor(n.Descriptor));
        if (_flowErrorPolicy is not null)
        {
            problems.AddRange(_flowErrorPolicy.Validate($"Flow '{Id}'"));
        }

        var errorPolicies = _routines.ConvertAll(n => ResolveErrorPolicy(n, problems));

        foreach (var entry in _entries)
        {
            if (ResolveSlot(entry, byId, problems, "entry") is { } slot)
            {
                entries[slot.Node.Index][slot.Slot.Index] = true;
            }
        }

        foreach (var (reference, capacity) in _capacities)
        {
            if (ResolveSlot(reference, byId, problems, "capacity setting") is { } slot)
            {
                capacities[slot.Node.Index][slot.Slot.Index] = capacity;
            }
        }

        foreach (var (reference, policy) in _queuePolicies)
        {
            if (ResolveSlot(reference, byId, problems, "queue policy") is { } slot)
            {
                queuePolicies[slot.Node.Index][slot.Slot.Index] = policy;
            }
        }

        var resolved = new List<(RoutineNode Source, EventDescriptor Event, RoutineNode Target, SlotDescriptor Slot)>();
        var seen = new HashSet<PendingConnection>();
        foreach (var connection in _connections)
        {
            if (!seen.Add(connection))
            {
                problems.Add($"'{connection.From}' is connected to '{connection.To}' twice; each message would be delivered twice. Remove the second Connect.");
                continue;
            }

            var source = ResolveEvent(connection.From, byId, problems);
            var target = ResolveSlot(connection.To, byId, problems, "connection target");

            // A connection that failed for any reason was still meant: its target is not "unconnected" on top.
            if (target is not null)
            {
                connected[target.Value.Node.Index][target.Value.Slot.Index] = true;
            }

            if (source is null || target is null)
            {
                continue;
            }

            if (source.Value.Event.PayloadType != target.Value.Slot.PayloadType)
            {
                problems.Add(
                    $"Cannot connect '{connection.From}' ({TypeNames.Display(source.Value.Event.PayloadType)}) to '{connection.To}' " +
                    $"({TypeNames.Display(target.Value.Slot.PayloadType)}): the payload types differ. Connect ports of the same payload type.");
                continue;
            }

            resolved.Add((source.Value.Node, source.Value.Event, target.Value.Node, target.Value.Slot));
        }

        foreach (var mentioned in _mentionedTargets)
        {
            if (ResolveSlot(mentioned, byId, problems: null, "connection target") is { } slot)
            {
                connected[slot.Node.Index][slot.Slot.Index] = true;
            }
        }

        var unconnected = new List<string>();
        foreach (var node in _routines)
        {
            // A routine whose id another one already took is reported once, as the duplicate; its slots say nothing more.
            if (!ReferenceEquals(byId[node.Id], node))
            {
                continue;
            }

            foreach (var slot in node.Descriptor.Slots)
            {
                problems.AddRange(slot.Activation.Validate($"Slot '{node.Id}.{slot.Name}' of routine '{node.Id}' ({node.Descriptor.Name})"));
                if (!slot.Optional && !connected[node.Index][slot.Index] && !entries[node.Index][slot.Index])
                {
                    unconnected.Add($"{node.Id}.{slot.Name}");
                }
            }
        }

        if (_routines.Count == 0)
        {
            problems.Add("The flow has no routines. Add routines with flow.Add<TRoutine>(\"id\").");
        }
        else if (_entryAttempts == 0)
        {
            // Without an entry, the unconnected slots are where an entry is missing: one problem, listing them.
            problems.Add(
                "The flow has no entry slot, so no job can be started. Mark one with flow.Entry(routine.Slot())" +
                (unconnected.Count == 0 ? "." : $"; slots that nothing feeds: {string.Join(", ", unconnected.Select(s => "'" + s + "'"))}."));
        }
        else
        {
            foreach (var slot in unconnected)
            {
                problems.Add(
                    $"Slot '{slot}' is not connected and is not an entry, so its handler can never run. Connect an event to it, " +
                    $"mark it with flow.Entry(...), or declare it [Slot(Optional = true)].");
            }
        }

        if (problems.Count > 0)
        {
            throw new FlowValidationException(Id, problems);
        }

        var routines = new FlowRoutine[_routines.Count];
        for (var i = 0; i < routines.Length; i++)
        {
            routines[i] = new FlowRoutine(_routines[i], i, capacities[i], queuePolicies[i], entries[i], errorPolicies[i])
            {
                OwnErrorPolicy = _routineErrorPolicies.GetValueOrDefault(_routines[i].Id),
            };
        }

        var connections = resolved.ConvertAll(c => new Connection(routines[c.Source.Index], c.Event, routines[c.Target.Index], c.Slot)).ToArray();
        return new Flow(Id, this, routines, connections) { FlowErrorPolicy = _flowErrorPolicy };
    }

    private static int[] CapacitiesFromDescriptor(RoutineDescriptor descriptor)
    {
        var capacities = new int[descriptor.Slots.Count];
        for (var i = 0; i < capacities.Length; i++)
        {
            capacities[i] = descriptor.Slots[i].Capacity;
        }

        return capacities;
    }

    /// <summary>The slot a reference names, or null with a problem recorded (when <paramref name="problems"/> is given).</summary>
    private static (RoutineNode Node, SlotDescriptor Slot)? ResolveSlot(
        PortReference reference, Dictionary<string, RoutineNode> byId, List<string>? problems, string role)
    {
        if (!byId.TryGetValue(reference.RoutineId, out var node))
        {
            problems?.Add($"The {role} '{reference}' names routine '{reference.RoutineId}', which is not in the flow. Known routines: {Known(byId.Keys)}.");
            return null;
        }

        if (node.Descriptor.FindSlot(reference.PortName) is not { } slot)
        {
            problems?.Add(
                $"The {role} '{reference}' names slot '{reference.PortName}', but routine '{node.Id}' ({node.Descriptor.Name}) has no such slot. " +
                $"Its slots: {Known(node.Descriptor.Slots.Select(s => s.Name))}.");
            return null;
        }

        return (node, slot);
    }

    private static (RoutineNode Node, EventDescriptor Event)? ResolveEvent(
        PortReference reference, Dictionary<string, RoutineNode> byId, List<string> problems)
    {
        if (!byId.TryGetValue(reference.RoutineId, out var node))
        {
            problems.Add($"The connection source '{reference}' names routine '{reference.RoutineId}', which is not in the flow. Known routines: {Known(byId.Keys)}.");
            return null;
        }

        if (node.Descriptor.FindEvent(reference.PortName) is not { } @event)
        {
            problems.Add(
                $"The connection source '{reference}' names event '{reference.PortName}', but routine '{node.Id}' ({node.Descriptor.Name}) has no such event. " +
                $"Its events: {Known(node.Descriptor.Events.Select(e => e.Name))}.");
            return null;
        }

        return (node, @event);
    }

    private static string Known(IEnumerable<string> names)
    {
        var list = string.Join(", ", names);
        return list.Length == 0 ? "(none)" : list;
    }

    /// <summary>Records a typed port as a reference, or a problem when the port is not from this builder.</summary>
    private PortReference? Reference(RoutineNode? node, string? portName, string operation)
    {
        if (node is null || portName is null)
        {
            _problems.Add($"{operation} was given a default-initialized port; take ports from the handles that FlowBuilder.Add returns.");
            return null;
        }

        if (!ReferenceEquals(node.Owner, this))
        {
            var owner = node.Owner.Id == Id ? $"another FlowBuilder (also with id '{Id}')" : $"flow '{node.Owner.Id}'";
            _problems.Add(
                $"{operation} was given port '{node.Id}.{portName}' of routine '{node.Id}', which was added to {owner}, not to this flow '{Id}'. " +
                $"Add the routine to this flow with Add and use the handle it returns.");
            return null;
        }

        return new PortReference(node.Id, portName);
    }

    /// <summary>Parses "routine.Port", or records a problem.</summary>
    private PortReference? Parse(string? text, string kind, string operation)
    {
        var dot = text is null ? -1 : text.LastIndexOf('.');
        if (text is null || dot <= 0 || dot == text.Length - 1)
        {
            _problems.Add($"{operation} was given '{text}', which is not a \"routineId.{(kind == "slot" ? "SlotName" : "EventName")}\" reference.");
            return null;
        }

        return new PortReference(text[..dot], text[(dot + 1)..]);
    }
}
