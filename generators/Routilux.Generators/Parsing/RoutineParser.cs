using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Routilux.Generators.Model;

namespace Routilux.Generators.Parsing;

/// <summary>
/// Reads a [Routine] class into a <see cref="RoutineSpec"/>. Returns null for a declaration the generator cannot
/// complete (not partial, a broken slot or emit, a name used twice): the analyzers report those, and emitting half
/// a routine would only bury their message under compiler errors. Never throws on user code. Given a
/// <see cref="ParseProblems"/>, it records every reason for a refusal (the analyzers' view); the result is the same.
/// </summary>
internal static class RoutineParser
{
    public static RoutineSpec? Parse(INamedTypeSymbol type, AttributeData routineAttribute, CancellationToken cancellationToken) =>
        Parse(type, routineAttribute, problems: null, cancellationToken);

    /// <summary>As <see cref="Parse(INamedTypeSymbol, AttributeData, CancellationToken)"/>, recording why a routine is refused.</summary>
    public static RoutineSpec? Parse(INamedTypeSymbol type, AttributeData routineAttribute, ParseProblems? problems, CancellationToken cancellationToken)
    {
        // Every check runs even after one failed (they are cheap and have no side effects), so the analyzers hear
        // of every problem at once; the generator only needs to know that there was one.
        var valid = RoutineTypeRules.IsSupported(type, problems, cancellationToken);

        var containing = SymbolNames.ContainingTypes(type);
        var containingSpecs = new List<ContainingTypeSpec>(containing.Count);
        foreach (var outer in containing)
        {
            valid &= RoutineTypeRules.IsSupportedContainer(outer, type, problems, cancellationToken);
            containingSpecs.Add(SymbolNames.ContainingType(outer));
        }

        var displayName = SymbolNames.DisplayName(type);
        var catalogName = KnownTypes.NamedArgument<string>(routineAttribute, "Name", null) ?? displayName;
        if (string.IsNullOrWhiteSpace(catalogName))
        {
            valid = problems.Refuse(ProblemKind.EmptyName, routineAttribute, type, "routine", type.Name);
        }

        var errorPolicy = ErrorPolicy(type);
        var members = MemberParser.Parse(type, problems, cancellationToken);
        if (members is null)
        {
            return null;
        }

        // Serialization problems are recorded but refuse nothing: see SerializationParser.
        var state = StateParser.Read(type, routineAttribute, cancellationToken);
        var serialization = SerializationParser.Parse(type, members.Value.Slots, state, problems, cancellationToken);
        if (!valid || errorPolicy is null)
        {
            return null;
        }

        return new RoutineSpec(
            SymbolNames.Namespace(type),
            new EquatableArray<ContainingTypeSpec>(containingSpecs.ToArray()),
            type.Name,
            SymbolNames.TypeParameterNames(type),
            SymbolNames.AllTypeParameters(type),
            SymbolNames.Type(type),
            displayName,
            catalogName,
            DocSummary.Of(type, cancellationToken),
            errorPolicy,
            FactoryRules.HasFactory(type),
            VisibilityRules.Of(type),
            SymbolNames.PortsClassName(type),
            SymbolNames.HintName(type),
            members.Value.Slots,
            members.Value.Events,
            state.Spec,
            serialization);
    }

    /// <summary>
    /// The routine's [OnError] as "new OnErrorAttribute(...) { ... }.ToPolicy()": the attribute is rebuilt as
    /// written and converts itself, so the runtime alone decides what its options mean. Empty when there is none,
    /// null when its arguments are erroneous (the compiler reports those).
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
}
