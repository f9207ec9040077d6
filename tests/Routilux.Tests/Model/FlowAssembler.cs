namespace Routilux.Tests.Model;

/// <summary>A built scenario flow and the typed ports the harness posts to and checks.</summary>
internal sealed class AssembledFlow
{
    public required Flow Flow { get; init; }

    /// <summary>Each node's slots by name.</summary>
    public required Dictionary<int, Dictionary<string, SlotPort<ModelToken>>> Slots { get; init; }

    public SlotPort<ModelToken> Entry(int node) => Slots[node]["In"];
}

/// <summary>Builds a scenario's flow with <see cref="FlowBuilder"/>, typed ports and the scenario's capacities and policies.</summary>
internal static class FlowAssembler
{
    public static AssembledFlow Assemble(ScenarioSpec spec, ModelProbe probe)
    {
        var builder = new FlowBuilder($"model-{spec.Seed}");
        var slots = new Dictionary<int, Dictionary<string, SlotPort<ModelToken>>>();
        var outs = new Dictionary<int, EventPort<ModelToken>>();
        foreach (var node in spec.Nodes)
        {
            var model = () => new ModelNode(probe, node);
            switch (node.Kind)
            {
                case NodeKind.Relay:
                    Add(builder, node, () => new ModelRelay(model()), h => h.In(), h => h.Out(), slots, outs);
                    break;
                case NodeKind.AsyncRelay:
                    Add(builder, node, () => new ModelAsyncRelay(model()), h => h.In(), h => h.Out(), slots, outs);
                    break;
                case NodeKind.RetryRelay:
                    Add(builder, node, () => new ModelRetryRelay(model()), h => h.In(), h => h.Out(), slots, outs);
                    break;
                case NodeKind.ContinueRelay:
                    Add(builder, node, () => new ModelContinueRelay(model()), h => h.In(), h => h.Out(), slots, outs);
                    break;
                case NodeKind.SmallBatch:
                    Add(builder, node, () => new ModelSmallBatch(model()), h => h.In(), h => h.Out(), slots, outs);
                    break;
                case NodeKind.WideBatch:
                    Add(builder, node, () => new ModelWideBatch(model()), h => h.In(), h => h.Out(), slots, outs);
                    break;
                case NodeKind.Custom:
                    Add(builder, node, () => new ModelCustom(model()), h => h.In(), h => h.Out(), slots, outs);
                    break;
                case NodeKind.Interval:
                    Add(builder, node, () => new ModelInterval(model()), h => h.In(), h => h.Out(), slots, outs);
                    break;
                case NodeKind.Sink:
                    Add(builder, node, () => new ModelSink(model()), h => h.In(), null, slots, outs);
                    break;
                case NodeKind.Join:
                    var join = builder.Add(node.Id, () => new ModelJoin(model()));
                    slots[node.Index] = new Dictionary<string, SlotPort<ModelToken>>(StringComparer.Ordinal) { ["Left"] = join.Left(), ["Right"] = join.Right() };
                    ApplySlots(builder, node, slots[node.Index]);
                    if (node.OwnPolicy is { } joinPolicy)
                    {
                        builder.OnError(join, joinPolicy.ToPolicy());
                    }

                    break;
            }
        }

        foreach (var edge in spec.Edges)
        {
            builder.Connect(outs[edge.From], slots[edge.To][edge.ToSlot]);
        }

        foreach (var entry in spec.Entries)
        {
            builder.Entry(slots[entry]["In"]);
        }

        if (spec.FlowPolicy is { } flowPolicy)
        {
            builder.OnError(flowPolicy.ToPolicy());
        }

        return new AssembledFlow { Flow = builder.Build(), Slots = slots };
    }

    private static void Add<T>(
        FlowBuilder builder,
        NodeSpec node,
        Func<T> factory,
        Func<RoutineHandle<T>, SlotPort<ModelToken>> slot,
        Func<RoutineHandle<T>, EventPort<ModelToken>>? @event,
        Dictionary<int, Dictionary<string, SlotPort<ModelToken>>> slots,
        Dictionary<int, EventPort<ModelToken>> outs)
        where T : class, IRoutine, IRoutineDefinition<T>
    {
        var handle = builder.Add(node.Id, factory);
        slots[node.Index] = new Dictionary<string, SlotPort<ModelToken>>(StringComparer.Ordinal) { ["In"] = slot(handle) };
        if (@event is not null)
        {
            outs[node.Index] = @event(handle);
        }

        ApplySlots(builder, node, slots[node.Index]);
        if (node.OwnPolicy is { } policy)
        {
            builder.OnError(handle, policy.ToPolicy());
        }
    }

    private static void ApplySlots(FlowBuilder builder, NodeSpec node, Dictionary<string, SlotPort<ModelToken>> ports)
    {
        foreach (var slot in node.Slots)
        {
            if (slot.Capacity is { } capacity)
            {
                builder.SetCapacity(ports[slot.Name], capacity);
            }

            if (slot.Policy is { } policy)
            {
                builder.SetQueuePolicy(ports[slot.Name], policy);
            }
        }
    }
}
