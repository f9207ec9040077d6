using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Routilux.CodeFixes.Declarations;

/// <summary>
/// Adds <c>partial</c> where the language wants it: last among the modifiers, right before <c>class</c> or the
/// method's return type (CS0267), keeping the declaration's indentation when it had no modifiers.
/// </summary>
internal static class Modifiers
{
    public static TypeDeclarationSyntax AddPartial(TypeDeclarationSyntax declaration)
    {
        if (declaration.Modifiers.Count > 0)
        {
            return declaration.AddModifiers(Partial());
        }

        var keyword = declaration.Keyword;
        return declaration
            .WithKeyword(keyword.WithLeadingTrivia())
            .WithModifiers(SyntaxFactory.TokenList(Partial().WithLeadingTrivia(keyword.LeadingTrivia)));
    }

    public static MethodDeclarationSyntax AddPartial(MethodDeclarationSyntax method)
    {
        if (method.Modifiers.Count > 0)
        {
            return method.AddModifiers(Partial());
        }

        var returnType = method.ReturnType;
        return method
            .WithReturnType(returnType.WithLeadingTrivia())
            .WithModifiers(SyntaxFactory.TokenList(Partial().WithLeadingTrivia(returnType.GetLeadingTrivia())));
    }

    private static SyntaxToken Partial() => SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
}
