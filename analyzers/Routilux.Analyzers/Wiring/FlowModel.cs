using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Routilux.Analyzers.Wiring;

/// <summary>One <c>flow.Add&lt;T&gt;("id")</c> or <c>flow.Add("id", factory)</c>.</summary>
/// <param name="Id">The routine id, a literal.</param>
/// <param name="Shape">The routine type's shape.</param>
/// <param name="Call">The Add invocation: where slot and event diagnostics are reported.</param>
/// <param name="Handle">The local the handle is stored in, if any; code fixes use it for typed ports.</param>
internal sealed record AddedRoutine(string Id, RoutineShape Shape, IInvocationOperation Call, ILocalSymbol? Handle);

/// <summary>A resolved slot or event of a routine of the flow.</summary>
/// <param name="Routine">The routine that owns the port.</param>
/// <param name="Name">The port's name in the flow.</param>
/// <param name="Kind">Slot or event.</param>
internal sealed record PortUse(AddedRoutine Routine, string Name, PortKind Kind)
{
    public override string ToString() => Routine.Id + "." + Name;
}

/// <summary>A diagnostic found while reading the flow, reported only if the whole flow could be read.</summary>
internal sealed record Finding(DiagnosticDescriptor Descriptor, Location Location, object?[] Arguments);

/// <summary>
/// Everything one method does with one FlowBuilder: the routines it adds, the connections and entries it makes,
/// and whether it builds the flow. Only created when every use of the builder is understood.
/// </summary>
internal sealed class FlowModel
{
    public FlowModel(ILocalSymbol builder, IObjectCreationOperation creation, string? flowId)
    {
        Builder = builder;
        Creation = creation;
        FlowId = flowId;
    }

    public ILocalSymbol Builder { get; }

    public IObjectCreationOperation Creation { get; }

    /// <summary>The flow id when written as a literal, for messages.</summary>
    public string? FlowId { get; }

    /// <summary>"flow 'word-count'", or "the flow" when the id is not a literal.</summary>
    public string Display => FlowId is null ? "the flow" : "flow '" + FlowId + "'";

    public List<AddedRoutine> Routines { get; } = new();

    public List<(PortUse From, PortUse To)> Connections { get; } = new();

    public List<PortUse> Entries { get; } = new();

    /// <summary>Slots a connection targets whose source was wrong (reported): meant as connected, so not reported unconnected.</summary>
    public List<PortUse> MentionedSlots { get; } = new();

    /// <summary>Entry calls made, resolved or not: a flow with any has an entry in mind.</summary>
    public int EntryCalls { get; set; }

    /// <summary>Whether Build is called: only a built flow is rejected for unconnected slots or a missing entry.</summary>
    public bool IsBuilt { get; set; }

    public List<Finding> Findings { get; } = new();

    public AddedRoutine? Routine(string id) => Routines.Find(routine => routine.Id == id);
}
