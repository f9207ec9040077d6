using Microsoft.CodeAnalysis;

namespace Routilux.Analyzers.Wiring;

/// <summary>Whether a port reference names a slot (a connection's target, an entry) or an event (a connection's source).</summary>
internal enum PortKind
{
    Slot,
    Event,
}

/// <summary>The runtime types flow-building code uses, resolved once per compilation.</summary>
internal sealed class WiringSymbols
{
    private WiringSymbols(INamedTypeSymbol flowBuilder, INamedTypeSymbol routineHandle, INamedTypeSymbol slotPort, INamedTypeSymbol eventPort)
    {
        FlowBuilder = flowBuilder;
        RoutineHandle = routineHandle;
        SlotPort = slotPort;
        EventPort = eventPort;
    }

    public INamedTypeSymbol FlowBuilder { get; }

    public INamedTypeSymbol RoutineHandle { get; }

    public INamedTypeSymbol SlotPort { get; }

    public INamedTypeSymbol EventPort { get; }

    /// <summary>The symbols, or null when the compilation does not reference Routilux (then there is nothing to check).</summary>
    public static WiringSymbols? From(Compilation compilation) =>
        compilation.GetTypeByMetadataName("Routilux.FlowBuilder") is { } flowBuilder
        && compilation.GetTypeByMetadataName("Routilux.RoutineHandle`1") is { } handle
        && compilation.GetTypeByMetadataName("Routilux.SlotPort`1") is { } slotPort
        && compilation.GetTypeByMetadataName("Routilux.EventPort`1") is { } eventPort
            ? new WiringSymbols(flowBuilder, handle, slotPort, eventPort)
            : null;

    public bool IsFlowBuilder(ITypeSymbol? type) => SymbolEqualityComparer.Default.Equals(type, FlowBuilder);

    public bool IsHandle(ITypeSymbol? type) =>
        type is INamedTypeSymbol named && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, RoutineHandle);

    /// <summary>SlotPort&lt;T&gt; or EventPort&lt;T&gt;, or null for any other type.</summary>
    public PortKind? PortKindOf(ITypeSymbol? type) =>
        type is not INamedTypeSymbol named ? null
        : SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, SlotPort) ? PortKind.Slot
        : SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, EventPort) ? PortKind.Event
        : null;
}
