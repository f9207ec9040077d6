using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Routilux.CodeFixes.State;

/// <summary>
/// Edits of the attributes the state fixes touch, by syntax: an attribute is recognised by its last name
/// ("State", "StateAttribute", "Routilux.State"), which is how it is written in any file that compiles.
/// </summary>
internal static class StateAttributes
{
    public static AttributeSyntax? Find(SyntaxList<AttributeListSyntax> lists, string name)
    {
        foreach (var list in lists)
        {
            foreach (var attribute in list.Attributes)
            {
                var written = attribute.Name switch
                {
                    QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
                    AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
                    SimpleNameSyntax simple => simple.Identifier.ValueText,
                    _ => string.Empty,
                };
                if (written == name || written == name + "Attribute")
                {
                    return attribute;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// <paramref name="attribute"/> with <c>Name = value</c> set: an existing argument of that name gets the new
    /// value; otherwise it is added, first among the named arguments so the most read one comes first.
    /// </summary>
    public static AttributeSyntax WithNamedArgument(AttributeSyntax attribute, string name, ExpressionSyntax value)
    {
        var arguments = attribute.ArgumentList?.Arguments ?? default;
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i].NameEquals?.Name.Identifier.ValueText == name)
            {
                return attribute.WithArgumentList(attribute.ArgumentList!.WithArguments(arguments.Replace(arguments[i], arguments[i].WithExpression(value.WithTriviaFrom(arguments[i].Expression)))));
            }
        }

        var argument = SyntaxFactory.AttributeArgument(
            SyntaxFactory.NameEquals(SyntaxFactory.IdentifierName(name), SyntaxFactory.Token(SyntaxKind.EqualsToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space)),
            nameColon: null,
            value);

        // Positional arguments come first in C#; the new named one goes right after them.
        var index = 0;
        while (index < arguments.Count && arguments[index].NameEquals is null)
        {
            index++;
        }

        var list = attribute.ArgumentList ?? SyntaxFactory.AttributeArgumentList();
        var separated = arguments.Insert(index, argument);
        return attribute.WithArgumentList(list.WithArguments(WithSpacedSeparators(separated)));
    }

    public static LiteralExpressionSyntax String(string value) =>
        SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(value));

    public static LiteralExpressionSyntax Number(int value) =>
        SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(value));

    /// <summary>The list's commas each followed by one space: "a, b", as a user writes it.</summary>
    private static SeparatedSyntaxList<AttributeArgumentSyntax> WithSpacedSeparators(SeparatedSyntaxList<AttributeArgumentSyntax> arguments)
    {
        var nodes = new AttributeArgumentSyntax[arguments.Count];
        for (var i = 0; i < nodes.Length; i++)
        {
            nodes[i] = arguments[i].WithoutTrivia();
        }

        var separators = new SyntaxToken[Math.Max(nodes.Length - 1, 0)];
        for (var i = 0; i < separators.Length; i++)
        {
            separators[i] = SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space);
        }

        return SyntaxFactory.SeparatedList(nodes, separators);
    }
}
