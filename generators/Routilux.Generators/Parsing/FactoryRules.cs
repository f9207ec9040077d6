using Microsoft.CodeAnalysis;

namespace Routilux.Generators.Parsing;

/// <summary>
/// Decides whether the descriptor gets a factory, so hosts and flows loaded from JSON can create the routine by
/// name. Without one the runtime asks the user for a factory, naming the routine.
/// </summary>
internal static class FactoryRules
{
    /// <summary>
    /// Whether hosts can create the routine by name: a concrete class with a public or internal parameterless
    /// constructor that does not leave required members unset (new T() would not compile).
    /// </summary>
    public static bool HasFactory(INamedTypeSymbol type)
    {
        if (type.IsAbstract)
        {
            return false;
        }

        foreach (var constructor in type.InstanceConstructors)
        {
            if (constructor.Parameters.IsEmpty
                && constructor.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal)
            {
                return !HasRequiredMembers(type) || SetsRequiredMembers(constructor);
            }
        }

        return false;
    }

    private static bool HasRequiredMembers(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true })
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool SetsRequiredMembers(IMethodSymbol constructor)
    {
        foreach (var attribute in constructor.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "SetsRequiredMembersAttribute" })
            {
                return true;
            }
        }

        return false;
    }
}
