using Microsoft.CodeAnalysis;
using Routilux.Generators.Model;

namespace Routilux.Generators.Parsing;

/// <summary>
/// Works out how far a type is visible. Ports live outside the routine class, so a port method may be no more
/// visible than the routine and the payload types it names (CS0050/CS0051 otherwise).
/// </summary>
internal static class VisibilityRules
{
    /// <summary>The narrowest declared accessibility of a type and its enclosing types.</summary>
    public static Visibility Of(INamedTypeSymbol type)
    {
        var visibility = Visibility.Public;
        for (var current = type; current is not null; current = current.ContainingType)
        {
            switch (current.DeclaredAccessibility)
            {
                case Accessibility.Public:
                    break;
                case Accessibility.Internal:
                case Accessibility.ProtectedOrInternal:
                    visibility = Visibility.Internal;
                    break;
                default:
                    return Visibility.Hidden;
            }
        }

        return visibility;
    }

    /// <summary>The narrowest visibility of every type named by <paramref name="type"/>, type arguments included.</summary>
    public static Visibility OfType(ITypeSymbol type)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                return OfType(array.ElementType);
            case INamedTypeSymbol { TypeKind: not TypeKind.Error } named:
                var visibility = Of(named);
                for (var current = named; current is not null; current = current.ContainingType)
                {
                    foreach (var argument in current.TypeArguments)
                    {
                        visibility = Narrowest(visibility, OfType(argument));
                    }
                }

                return visibility;
            default:
                // Type parameters are the port method's own; error types are the compiler's to report.
                return Visibility.Public;
        }
    }

    public static Visibility Narrowest(Visibility left, Visibility right) => left > right ? left : right;
}
