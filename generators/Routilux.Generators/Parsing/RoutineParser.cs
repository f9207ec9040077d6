using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Routilux.Generators.Model;

namespace Routilux.Generators.Parsing;

/// <summary>
/// Reads a [Routine] class into a <see cref="RoutineSpec"/>. Returns null for a declaration the generator cannot
/// complete (not partial, a broken slot or emit, a name used twice): the analyzers report those, and emitting half
/// a routine would only bury their message under compiler errors. Never throws on user code.
/// </summary>
internal static class RoutineParser
{
    public static RoutineSpec? Parse(INamedTypeSymbol type, AttributeData routineAttribute, CancellationToken cancellationToken)
    {
        // A file-local class cannot have a part in the generated file.
        if (type.TypeKind != TypeKind.Class || type.IsRecord || type.IsStatic || type.IsImplicitlyDeclared || type.IsFileLocal
            || !AllDeclarationsArePartial(type, cancellationToken)
            || KnownTypes.HasRoutineBase(type))
        {
            return null;
        }

        var containing = SymbolNames.ContainingTypes(type);
        var containingSpecs = new List<ContainingTypeSpec>(containing.Count);
        var typeParameters = new List<TypeParameterSpec>();
        foreach (var outer in containing)
        {
            if (outer.IsFileLocal || !AllDeclarationsArePartial(outer, cancellationToken))
            {
                return null;
            }

            containingSpecs.Add(SymbolNames.ContainingType(outer));
            AddTypeParameters(outer, typeParameters);
        }

        AddTypeParameters(type, typeParameters);

        var displayName = SymbolNames.DisplayName(type);
        var catalogName = KnownTypes.NamedArgument<string>(routineAttribute, "Name", null) ?? displayName;
        if (string.IsNullOrWhiteSpace(catalogName)
            || ErrorPolicy(type) is not { } errorPolicy
            || ParseMembers(type, cancellationToken) is not { } members)
        {
            return null;
        }

        return new RoutineSpec(
            SymbolNames.Namespace(type),
            new EquatableArray<ContainingTypeSpec>(containingSpecs.ToArray()),
            type.Name,
            SymbolNames.TypeParameterNames(type),
            new EquatableArray<TypeParameterSpec>(typeParameters.ToArray()),
            SymbolNames.Type(type),
            displayName,
            catalogName,
            DocSummary.Of(type, cancellationToken),
            errorPolicy,
            FactoryRules.HasFactory(type),
            VisibilityRules.Of(type),
            SymbolNames.PortsClassName(type),
            SymbolNames.HintName(type),
            members.Slots,
            members.Events);
    }

    /// <summary>
    /// The routine's [OnError] as "new OnErrorAttribute(...) { ... }.ToPolicy()": the attribute is rebuilt as
    /// written and converts itself, so the runtime alone decides what its options mean. Empty when there is none,
    /// null when its arguments are erroneous.
    /// </summary>
    private static string? ErrorPolicy(INamedTypeSymbol type)
    {
        foreach (var attribute in type.GetAttributes())
        {
            if (KnownTypes.IsOnErrorAttribute(attribute.AttributeClass))
            {
                return AttributeExpressions.Creation(attribute) is { } creation ? creation + ".ToPolicy()" : null;
            }
        }

        return string.Empty;
    }

    /// <summary>The slots and events in declaration order, or null when one is invalid or two share a name.</summary>
    private static (EquatableArray<SlotSpec> Slots, EquatableArray<EventSpec> Events)? ParseMembers(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var slots = new List<SlotSpec>();
        var events = new List<EventSpec>();

        // Port extension methods are named after the C# methods (a join slot's after the slot), so overloads
        // would clash; so would two ports of one kind with the same flow name.
        var portMethodNames = new HashSet<string>(StringComparer.Ordinal);
        var slotNames = new HashSet<string>(StringComparer.Ordinal);
        var eventNames = new HashSet<string>(StringComparer.Ordinal);
        var joinSlotNames = new List<string>();
        foreach (var member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member is not IMethodSymbol method)
            {
                continue;
            }

            var attributes = HandlerAttributes.Of(method);
            if (!attributes.Any)
            {
                continue;
            }

            if (!attributes.IsConsistent)
            {
                return null;
            }

            if (attributes.Slot is { } slotAttribute)
            {
                var slot = HandlerParser.Slot(method, slotAttribute, attributes.Activation, slots.Count, cancellationToken);
                if (slot is null || !portMethodNames.Add(slot.MethodName) || !slotNames.Add(slot.Name))
                {
                    return null;
                }

                slots.Add(slot);
            }
            else if (attributes.Join is { } joinAttribute)
            {
                if (JoinParser.Slots(method, joinAttribute, slots.Count, cancellationToken) is not { } joinSlots)
                {
                    return null;
                }

                foreach (var slot in joinSlots)
                {
                    if (!portMethodNames.Add(slot.PortMethodName) || !slotNames.Add(slot.Name))
                    {
                        return null;
                    }

                    joinSlotNames.Add(slot.Name);
                    slots.Add(slot);
                }
            }
            else
            {
                var emit = HandlerParser.Emit(method, attributes.Emits!, events.Count, cancellationToken);
                if (emit is null || !portMethodNames.Add(emit.MethodName) || !eventNames.Add(emit.Name))
                {
                    return null;
                }

                events.Add(emit);
            }
        }

        // A join's slot names are made up from its parameters, so one that equals an event's name is refused too:
        // a reader of the flow could not tell the two apart.
        foreach (var name in joinSlotNames)
        {
            if (eventNames.Contains(name))
            {
                return null;
            }
        }

        return (new EquatableArray<SlotSpec>(slots.ToArray()), new EquatableArray<EventSpec>(events.ToArray()));
    }

    /// <summary>Generated members are added in another part, which needs every declaration to say partial.</summary>
    private static bool AllDeclarationsArePartial(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        if (type.DeclaringSyntaxReferences.IsEmpty)
        {
            return false;
        }

        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax declaration
                || !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                return false;
            }
        }

        return true;
    }

    private static void AddTypeParameters(INamedTypeSymbol type, List<TypeParameterSpec> into)
    {
        foreach (var parameter in type.TypeParameters)
        {
            into.Add(new TypeParameterSpec(parameter.Name, SymbolNames.Constraints(parameter)));
        }
    }
}
