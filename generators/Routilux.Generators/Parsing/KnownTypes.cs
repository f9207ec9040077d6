using Microsoft.CodeAnalysis;

namespace Routilux.Generators.Parsing;

/// <summary>
/// Recognises the Routilux attributes and the framework types handlers may use, by namespace and name. Comparing
/// names avoids resolving metadata names against the compilation for every routine on every keystroke.
/// </summary>
internal static class KnownTypes
{
    public const string RoutineAttribute = "Routilux.RoutineAttribute";

    public static bool IsSlotAttribute(INamedTypeSymbol? type) => Is(type, "SlotAttribute", "Routilux");

    public static bool IsEmitsAttribute(INamedTypeSymbol? type) => Is(type, "EmitsAttribute", "Routilux");

    public static bool IsRoutineAttribute(INamedTypeSymbol? type) => Is(type, "RoutineAttribute", "Routilux");

    public static bool IsOnErrorAttribute(INamedTypeSymbol? type) => Is(type, "OnErrorAttribute", "Routilux");

    public static bool IsJoinAttribute(INamedTypeSymbol? type) => Is(type, "JoinAttribute", "Routilux");

    public static bool IsBatchAttribute(INamedTypeSymbol? type) => Is(type, "BatchAttribute", "Routilux");

    public static bool IsIntervalAttribute(INamedTypeSymbol? type) => Is(type, "IntervalAttribute", "Routilux");

    public static bool IsActivateWhenAttribute(INamedTypeSymbol? type) => Is(type, "ActivateWhenAttribute", "Routilux");

    /// <summary>[Batch], [Interval] or [ActivateWhen]: the attributes that make a [Slot] buffered.</summary>
    public static bool IsActivationAttribute(INamedTypeSymbol? type) =>
        IsBatchAttribute(type) || IsIntervalAttribute(type) || IsActivateWhenAttribute(type);

    public static bool IsStateAttribute(INamedTypeSymbol? type) => Is(type, "StateAttribute", "Routilux");

    public static bool IsNotStateAttribute(INamedTypeSymbol? type) => Is(type, "NotStateAttribute", "Routilux");

    public static bool IsMigrateStateAttribute(INamedTypeSymbol? type) => Is(type, "MigrateStateAttribute", "Routilux");

    public static bool IsRoutiluxJsonContextAttribute(INamedTypeSymbol? type) => Is(type, "RoutiluxJsonContextAttribute", "Routilux");

    /// <summary>System.Text.Json.Nodes.JsonObject, the tree a [MigrateState] method changes.</summary>
    public static bool IsJsonObject(ITypeSymbol type) => Is(type, "JsonObject", "System", "Text", "Json", "Nodes");

    /// <summary>An attribute of System.Text.Json.Serialization: JsonPropertyName, JsonIgnore, JsonConstructor, JsonSerializable.</summary>
    public static bool IsJsonSerializationAttribute(INamedTypeSymbol? type, string name) => Is(type, name, "System", "Text", "Json", "Serialization");

    /// <summary>Whether a top-level or nested type lives in System or a namespace below it.</summary>
    public static bool IsInSystemNamespace(ITypeSymbol type)
    {
        var ns = type.ContainingNamespace;
        while (ns is { ContainingNamespace.IsGlobalNamespace: false })
        {
            ns = ns.ContainingNamespace;
        }

        return ns is { Name: "System" };
    }

    /// <summary>Whether <paramref name="type"/> is the non-generic type <paramref name="name"/> in the given namespace.</summary>
    public static bool IsType(ITypeSymbol type, string name, params string[] namespaceParts) => Is(type, name, namespaceParts);

    /// <summary>Whether <paramref name="type"/> is a constructed generic type of System.Collections.Generic named <paramref name="name"/>.</summary>
    public static bool IsGenericCollection(INamedTypeSymbol type, string name, int arity) =>
        type.Arity == arity && type.ContainingType is null && type.Name == name && InNamespace(type, "System", "Collections", "Generic");

    public static bool IsActivationState(ITypeSymbol type) => Is(type, "ActivationState", "Routilux");

    public static bool IsCancellationToken(ITypeSymbol type) => Is(type, "CancellationToken", "System", "Threading");

    public static bool IsRoutineContext(ITypeSymbol type) => Is(type, "RoutineContext", "Routilux");

    public static bool IsValueTask(ITypeSymbol type) => Is(type, "ValueTask", "System", "Threading", "Tasks");

    public static bool IsTask(ITypeSymbol type) => Is(type, "Task", "System", "Threading", "Tasks");

    /// <summary>The T of System.Collections.Generic.IReadOnlyList&lt;T&gt;, or null for any other type.</summary>
    public static ITypeSymbol? ReadOnlyListElement(ITypeSymbol type) =>
        type is INamedTypeSymbol { Arity: 1, ContainingType: null, Name: "IReadOnlyList" } list
        && InNamespace(list, "System", "Collections", "Generic")
            ? list.TypeArguments[0]
            : null;

    /// <summary>Whether <paramref name="symbol"/> is the non-generic type <paramref name="name"/> in the given namespace.</summary>
    private static bool Is(ITypeSymbol? symbol, string name, params string[] namespaceParts) =>
        symbol is INamedTypeSymbol { Arity: 0, ContainingType: null } type && type.Name == name && InNamespace(type, namespaceParts);

    /// <summary>Whether a top-level type sits directly in the namespace made of <paramref name="namespaceParts"/>.</summary>
    private static bool InNamespace(INamedTypeSymbol type, params string[] namespaceParts)
    {
        var ns = type.ContainingNamespace;
        for (var i = namespaceParts.Length - 1; i >= 0; i--)
        {
            if (ns is null || ns.Name != namespaceParts[i])
            {
                return false;
            }

            ns = ns.ContainingNamespace;
        }

        return ns is { IsGlobalNamespace: true };
    }

    /// <summary>The nearest base class that is itself a [Routine], or null; inheriting routines is not supported.</summary>
    public static INamedTypeSymbol? RoutineBase(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            foreach (var attribute in current.GetAttributes())
            {
                if (IsRoutineAttribute(attribute.AttributeClass))
                {
                    return current;
                }
            }
        }

        return null;
    }

    /// <summary>Whether a member was written by this generator: it marks everything with [GeneratedCode("Routilux.Generators", ...)].</summary>
    public static bool IsGeneratedByRoutilux(ISymbol symbol)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "GeneratedCodeAttribute" }
                && attribute.ConstructorArguments.Length == 2
                && attribute.ConstructorArguments[0].Value is "Routilux.Generators")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads a named argument of an attribute, such as <c>Name = "x"</c>.</summary>
    public static T? NamedArgument<T>(AttributeData attribute, string name, T? fallback)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Value is T value)
            {
                return value;
            }
        }

        return fallback;
    }
}
