using System.Diagnostics;

namespace Routilux;

/// <summary>A routine added to a <see cref="FlowBuilder"/>: its id, its descriptor and how to create instances.</summary>
internal sealed class RoutineNode
{
    // Invariants: Descriptor and Factory are never null; InitialState, when set, belongs to a routine type with state
    // and is applied to every instance Factory creates.
    public RoutineNode(FlowBuilder owner, int index, string id, RoutineDescriptor descriptor, Func<IRoutine> factory, RoutineInitialState? initialState = null)
    {
        Debug.Assert(initialState is null || descriptor.HasState, "Only a routine with state can be given an initial state.");
        Owner = owner;
        Index = index;
        Id = id;
        Descriptor = descriptor;
        InitialState = initialState;

        // The initial state is applied after construction, so each worker's instance starts from the configured state.
        Factory = initialState is null ? factory : () => initialState.ApplyTo(factory());
    }

    public FlowBuilder Owner { get; }

    /// <summary>The position among the builder's routines, which is also the position in the built flow.</summary>
    public int Index { get; }

    public string Id { get; }

    public RoutineDescriptor Descriptor { get; }

    /// <summary>Creates an instance, with <see cref="InitialState"/> applied when there is one.</summary>
    public Func<IRoutine> Factory { get; }

    /// <summary>The state every instance starts with (a flow definition's "config"), or null for the constructor's.</summary>
    public RoutineInitialState? InitialState { get; }
}
