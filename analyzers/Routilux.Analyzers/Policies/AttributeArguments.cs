using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Routilux.Analyzers.Policies;

/// <summary>Reads attribute arguments with the location of the argument as written, so a diagnostic points at the bad value.</summary>
internal static class AttributeArguments
{
    /// <summary>A named argument's constant (<c>MaxRetries = -1</c>), or null when it is not set or erroneous.</summary>
    public static TypedConstant? Named(AttributeData attribute, string name)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Kind != TypedConstantKind.Error)
            {
                return argument.Value;
            }
        }

        return null;
    }

    /// <summary>The location of a named argument, or of the whole attribute when it cannot be found.</summary>
    public static Location? NamedLocation(AttributeData attribute, string name, System.Threading.CancellationToken cancellationToken)
    {
        if (Syntax(attribute, cancellationToken) is not { } syntax)
        {
            return null;
        }

        foreach (var argument in syntax.ArgumentList?.Arguments ?? default)
        {
            if (argument.NameEquals?.Name.Identifier.ValueText == name)
            {
                return argument.GetLocation();
            }
        }

        return syntax.GetLocation();
    }

    /// <summary>The location of the constructor argument at <paramref name="index"/>, or of the whole attribute.</summary>
    public static Location? PositionalLocation(AttributeData attribute, int index, System.Threading.CancellationToken cancellationToken)
    {
        if (Syntax(attribute, cancellationToken) is not { } syntax)
        {
            return null;
        }

        var position = 0;
        foreach (var argument in syntax.ArgumentList?.Arguments ?? default)
        {
            if (argument.NameEquals is null && argument.NameColon is null && position++ == index)
            {
                return argument.GetLocation();
            }
        }

        return syntax.GetLocation();
    }

    private static AttributeSyntax? Syntax(AttributeData attribute, System.Threading.CancellationToken cancellationToken) =>
        attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
}
