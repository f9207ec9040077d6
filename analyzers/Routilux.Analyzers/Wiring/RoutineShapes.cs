using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Routilux.Generators.Model;
using Routilux.Generators.Parsing;

namespace Routilux.Analyzers.Wiring;

/// <summary>
/// A routine type as a flow sees it: the generator's spec (names, optional slots, factory) read by the shared parser,
/// and the payload types of its ports as symbols, for comparing connections made by name.
/// </summary>
internal sealed class RoutineShape
{
    public RoutineShape(INamedTypeSymbol type, RoutineSpec spec)
    {
        Type = type;
        Spec = spec;
    }

    /// <summary>The routine type as added, with type arguments (Buffer&lt;string&gt;).</summary>
    public INamedTypeSymbol Type { get; }

    public RoutineSpec Spec { get; }

    public SlotSpec? Slot(string name) => Find(Spec.Slots, slot => slot.Name == name);

    public SlotSpec? SlotByPortMethod(string method) => Find(Spec.Slots, slot => slot.PortMethodName == method);

    public EventSpec? Event(string name) => Find(Spec.Events, emit => emit.Name == name);

    public EventSpec? EventByMethod(string method) => Find(Spec.Events, emit => emit.MethodName == method);

    /// <summary>The slot's payload type as the runtime sees it (the list element for buffered slots), or null.</summary>
    public ITypeSymbol? Payload(SlotSpec slot, Compilation compilation)
    {
        if (Method(slot.MethodName) is not { } method)
        {
            return null;
        }

        var payload = PayloadParameters(method);
        if (slot.IsJoin)
        {
            return Find(payload, parameter => parameter.Name.Length > 0 && JoinParser.SlotName(parameter.Name) == slot.Name)?.Type;
        }

        if (slot.Activation.IsBuffered)
        {
            return payload.Count == 1 ? KnownTypes.ReadOnlyListElement(payload[0].Type) : null;
        }

        return Combine(payload, compilation);
    }

    public ITypeSymbol? Payload(EventSpec emit, Compilation compilation) =>
        Method(emit.MethodName) is { } method ? Combine(PayloadParameters(method), compilation) : null;

    /// <summary>The routine's display name in messages ("Buffer&lt;string&gt;").</summary>
    public string DisplayName => Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);

    private IMethodSymbol? Method(string name)
    {
        foreach (var member in Type.GetMembers(name))
        {
            if (member is IMethodSymbol method && HandlerAttributes.Of(method).Any)
            {
                return method;
            }
        }

        return null;
    }

    private static List<IParameterSymbol> PayloadParameters(IMethodSymbol method)
    {
        var payload = new List<IParameterSymbol>();
        foreach (var parameter in method.Parameters)
        {
            if (!KnownTypes.IsCancellationToken(parameter.Type) && !KnownTypes.IsRoutineContext(parameter.Type))
            {
                payload.Add(parameter);
            }
        }

        return payload;
    }

    /// <summary>None is Routilux.Unit, one is its own type, several are a tuple: as the generator declares the port.</summary>
    private static ITypeSymbol? Combine(List<IParameterSymbol> payload, Compilation compilation)
    {
        if (payload.Count == 0)
        {
            return compilation.GetTypeByMetadataName("Routilux.Unit");
        }

        if (payload.Count == 1)
        {
            return payload[0].Type;
        }

        var types = ImmutableArray.CreateBuilder<ITypeSymbol>(payload.Count);
        foreach (var parameter in payload)
        {
            types.Add(parameter.Type);
        }

        return compilation.CreateTupleTypeSymbol(types.MoveToImmutable());
    }

    private static T? Find<T>(IEnumerable<T> items, System.Func<T, bool> predicate)
        where T : class
    {
        foreach (var item in items)
        {
            if (predicate(item))
            {
                return item;
            }
        }

        return null;
    }
}

/// <summary>The routines of one compilation, each parsed once however many flows use it.</summary>
internal sealed class RoutineShapes
{
    private readonly ConcurrentDictionary<INamedTypeSymbol, RoutineSpec?> _specs = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// The shape of a routine type, or null when it is not a valid [Routine] declared in source: then the
    /// declaration diagnostics speak, and flows using it are not checked.
    /// </summary>
    public RoutineShape? Of(ITypeSymbol type, CancellationToken cancellationToken)
    {
        if (type is not INamedTypeSymbol named)
        {
            return null;
        }

        var spec = _specs.GetOrAdd(named.OriginalDefinition, definition => Parse(definition, cancellationToken));
        return spec is null ? null : new RoutineShape(named, spec);
    }

    private static RoutineSpec? Parse(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (var attribute in type.GetAttributes())
        {
            if (KnownTypes.IsRoutineAttribute(attribute.AttributeClass))
            {
                return RoutineParser.Parse(type, attribute, cancellationToken);
            }
        }

        return null;
    }
}
