using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Routilux.Generators.Model;

namespace Routilux.Generators.Parsing;

/// <summary>
/// Reads a refused [Routine] class into the <see cref="PlaceholderSpec"/> that keeps the rest of the compilation
/// quiet (see there). Lenient where <see cref="RoutineParser"/> is strict: a port whose handler is wrong still gets
/// its port method when its payload type can be named, so the user's wiring code keeps compiling while the RTLX
/// error says what to fix. Null when no part can be added to the type (file-local, an interface, no source).
/// </summary>
internal static class PlaceholderParser
{
    /// <param name="routine">The refused routine.</param>
    /// <param name="stubsOnly">
    /// Only complete partial members (for a C# version below the floor, where the interface and the ports would not
    /// compile either).
    /// </param>
    /// <param name="cancellationToken">Cancels the parse.</param>
    public static PlaceholderSpec? Parse(INamedTypeSymbol routine, bool stubsOnly, CancellationToken cancellationToken)
    {
        if (!RoutineTypeRules.CanTakePart(routine))
        {
            return null;
        }

        // A non-partial chain gets a part only when the generator reports it (GeneratorDiagnostics): the part then
        // stands in for the compiler's own errors; anywhere else it would add a CS0260 and silence the analyzers.
        if (!RoutineTypeRules.ChainIsPartial(routine, cancellationToken) && !GeneratorDiagnostics.ReportsNotPartial(routine, cancellationToken))
        {
            return null;
        }

        var containing = new List<ContainingTypeSpec>();
        foreach (var outer in SymbolNames.ContainingTypes(routine))
        {
            containing.Add(SymbolNames.ContainingType(outer));
        }

        // IRoutineDefinition<T> and RoutineHandle<T> take a non-static class.
        var isRoutineShaped = routine.TypeKind == TypeKind.Class && !routine.IsStatic && !stubsOnly;
        return new PlaceholderSpec(
            SymbolNames.Namespace(routine),
            new EquatableArray<ContainingTypeSpec>(containing.ToArray()),
            SymbolNames.ContainingType(routine),
            SymbolNames.Type(routine),
            SymbolNames.DisplayName(routine),
            SymbolNames.HintName(routine),
            isRoutineShaped,
            PartialMembers.Missing(routine, cancellationToken),
            isRoutineShaped && VisibilityRules.Of(routine) != Visibility.Hidden ? Ports(routine, cancellationToken) : null);
    }

    private static PortsSpec Ports(INamedTypeSymbol routine, CancellationToken cancellationToken)
    {
        var ports = new List<PortSpec>();
        var names = new HashSet<string>();
        var slotCount = 0;
        var eventCount = 0;
        foreach (var member in routine.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member is not IMethodSymbol method || method.IsGenericMethod)
            {
                continue;
            }

            var attributes = HandlerAttributes.Of(method);
            if (attributes.Join is not null && attributes.Slot is null)
            {
                foreach (var parameter in method.Parameters)
                {
                    if (IsPayload(parameter) && parameter.Name.Length > 0)
                    {
                        var name = JoinParser.SlotName(parameter.Name);
                        Add(ports, names, name, isSlot: true, Nameable(parameter) ? SymbolNames.Type(parameter.Type) : null, VisibilityRules.OfType(parameter.Type), ref slotCount);
                    }
                }
            }
            else if (attributes.Slot is not null || attributes.Emits is not null)
            {
                var isSlot = attributes.Slot is not null;
                var payload = PayloadType(method, buffered: isSlot && attributes.Activation is not null);
                if (isSlot)
                {
                    Add(ports, names, method.Name, isSlot: true, payload, PayloadParser.PayloadVisibility(method), ref slotCount);
                }
                else
                {
                    Add(ports, names, method.Name, isSlot: false, payload, PayloadParser.PayloadVisibility(method), ref eventCount);
                }
            }
        }

        return new PortsSpec(
            SymbolNames.PortsClassName(routine),
            SymbolNames.Type(routine),
            VisibilityRules.Of(routine),
            SymbolNames.AllTypeParameters(routine),
            new EquatableArray<PortSpec>(ports.ToArray()));
    }

    private static void Add(List<PortSpec> ports, HashSet<string> names, string methodName, bool isSlot, string? payloadType, Visibility visibility, ref int index)
    {
        // One port method per name (a duplicate is the RTLX0008 the user is told about); none for a payload that no
        // type argument can hold.
        if (payloadType is not null && names.Add(methodName))
        {
            var kind = isSlot ? "slot" : "event";
            ports.Add(new PortSpec(methodName, isSlot, payloadType, visibility, index, "The " + kind + " '" + methodName + "' of the routine."));
        }

        index++;
    }

    /// <summary>The payload type as the strict parser would compute it, or null when a parameter cannot be named as a type argument.</summary>
    private static string? PayloadType(IMethodSymbol method, bool buffered)
    {
        if (buffered && ActivationParser.BufferedElement(method) is { } element)
        {
            return Nameable(element) ? SymbolNames.Type(element) : null;
        }

        var parameters = new List<ParameterSpec>();
        foreach (var parameter in method.Parameters)
        {
            if (IsPayload(parameter))
            {
                if (!Nameable(parameter))
                {
                    return null;
                }

                parameters.Add(new ParameterSpec(parameter.Name, SymbolNames.Type(parameter.Type), ParameterRole.Payload, string.Empty, false));
            }
        }

        return PayloadParser.PayloadType(new EquatableArray<ParameterSpec>(parameters.ToArray()));
    }

    private static bool IsPayload(IParameterSymbol parameter) =>
        !KnownTypes.IsCancellationToken(parameter.Type) && !KnownTypes.IsRoutineContext(parameter.Type);

    private static bool Nameable(IParameterSymbol parameter) => parameter.Name.Length > 0 && Nameable(parameter.Type);

    private static bool Nameable(ITypeSymbol type) =>
        type.TypeKind is not (TypeKind.Error or TypeKind.Pointer or TypeKind.FunctionPointer) && !type.IsRefLikeType && type.SpecialType != SpecialType.System_Void;
}
