using Microsoft.CodeAnalysis;
using Routilux.Generators.Model;

namespace Routilux.Generators.Parsing;

/// <summary>
/// Reads [Batch], [Interval] and [ActivateWhen] on a [Slot] method. Numbers are kept as written, even ones the
/// runtime rejects (FlowBuilder.Build names the routine and slot); only a shape the generator cannot emit (an
/// erroneous argument, a predicate that is missing or has the wrong signature) gives null.
/// </summary>
internal static class ActivationParser
{
    /// <summary>The activation declared on <paramref name="method"/> by <paramref name="attribute"/>, or null.</summary>
    public static ActivationSpec? Parse(IMethodSymbol method, AttributeData attribute, ParseProblems? problems = null)
    {
        var type = attribute.AttributeClass;
        if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Kind == TypedConstantKind.Error)
        {
            return null;
        }

        var argument = attribute.ConstructorArguments[0].Value;
        if (KnownTypes.IsBatchAttribute(type))
        {
            return argument is int size && MaxWait(attribute) is { } maxWait ? ActivationSpec.Batch(size, maxWait) : null;
        }

        if (KnownTypes.IsIntervalAttribute(type))
        {
            return argument is double period ? ActivationSpec.Interval(period) : null;
        }

        if (!KnownTypes.IsActivateWhenAttribute(type))
        {
            return null;
        }

        var predicate = argument is string name ? Predicate(method.ContainingType, name) : null;
        if (predicate is null)
        {
            problems.Refuse(ProblemKind.InvalidPredicate, attribute, method, argument as string ?? "null", method.Name);
        }

        return predicate;
    }

    /// <summary>The attribute's name as written in C# ("[Batch]"), for messages.</summary>
    public static string DisplayName(AttributeData attribute) =>
        "[" + (attribute.AttributeClass?.Name is { } name && name.EndsWith("Attribute", System.StringComparison.Ordinal)
            ? name.Substring(0, name.Length - "Attribute".Length)
            : attribute.AttributeClass?.Name) + "]";

    /// <summary>
    /// The element type of a buffered slot's single payload parameter, which must be IReadOnlyList&lt;T&gt;: the
    /// runtime hands the handler the buffered messages as one list. Null for any other shape.
    /// </summary>
    public static ITypeSymbol? BufferedElement(IMethodSymbol method)
    {
        ITypeSymbol? element = null;
        var payloadCount = 0;
        foreach (var parameter in method.Parameters)
        {
            if (!KnownTypes.IsCancellationToken(parameter.Type) && !KnownTypes.IsRoutineContext(parameter.Type))
            {
                payloadCount++;
                element = KnownTypes.ReadOnlyListElement(parameter.Type);
            }
        }

        return payloadCount == 1 ? element : null;
    }

    /// <summary>[Batch(MaxWaitMilliseconds)], 0 when not set, null when erroneous.</summary>
    private static double? MaxWait(AttributeData attribute)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == "MaxWaitMilliseconds")
            {
                return argument.Value.Kind != TypedConstantKind.Error && argument.Value.Value is double milliseconds ? milliseconds : null;
            }
        }

        return 0;
    }

    /// <summary>
    /// The routine's own <c>bool Name(ActivationState state)</c>, instance or static, of any accessibility: the
    /// generated lambda sits inside the class, so a private predicate is reachable.
    /// </summary>
    private static ActivationSpec? Predicate(INamedTypeSymbol routine, string name)
    {
        foreach (var member in routine.GetMembers(name))
        {
            if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary, IsGenericMethod: false, ReturnsByRef: false, ReturnsByRefReadonly: false } method
                && method.ReturnType.SpecialType == SpecialType.System_Boolean
                && method.Parameters.Length == 1
                && method.Parameters[0].RefKind == RefKind.None
                && KnownTypes.IsActivationState(method.Parameters[0].Type))
            {
                return ActivationSpec.Custom(method.Name, method.IsStatic);
            }
        }

        return null;
    }
}
