namespace Routilux;

/// <summary>A routine added to a <see cref="FlowBuilder"/>: its id, its descriptor and how to create instances.</summary>
internal sealed class RoutineNode
{
    public RoutineNode(FlowBuilder owner, int index, string id, RoutineDescriptor descriptor, Func<IRoutine> factory)
    {
        Owner = owner;
        Index = index;
        Id = id;
        Descriptor = descriptor;
        Factory = factory;
    }

    public FlowBuilder Owner { get; }

    /// <summary>The position among the builder's routines, which is also the position in the built flow.</summary>
    public int Index { get; }

    public string Id { get; }

    public RoutineDescriptor Descriptor { get; }

    public Func<IRoutine> Factory { get; }
}
