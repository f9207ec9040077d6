using System.ComponentModel;
using Routilux.Execution;

namespace Routilux;

/// <summary>
/// For generated code; not part of the supported API. The contract between a routine class and the runtime: the
/// source generator implements it for every <see cref="RoutineAttribute"/> class; user code does not implement or
/// call it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IRoutine
{
    /// <summary>Connects the instance to the cell that runs it in a worker, so its emit methods can deliver.</summary>
    void Attach(RoutineCell cell);

    /// <summary>Runs the handler of slot <paramref name="slot"/> with the payload at the head of that slot's queue.</summary>
    ValueTask Invoke(int slot, RoutineCell cell);
}

/// <summary>
/// For generated code; not part of the supported API. A routine type whose descriptor is available statically, so
/// flows add it by type with no reflection; the source generator implements it for every
/// <see cref="RoutineAttribute"/> class, and <see cref="FlowBuilder"/> and <see cref="RoutineHandle{TRoutine}"/>
/// constrain routine types to it.
/// </summary>
/// <typeparam name="TSelf">The routine class itself.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IRoutineDefinition<TSelf> : IRoutine
    where TSelf : class, IRoutineDefinition<TSelf>
{
    /// <summary>The routine's descriptor.</summary>
    static abstract RoutineDescriptor Descriptor { get; }
}
