using System.Collections.Immutable;
using System.Linq;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Routilux.Generators.Diagnostics;

namespace Routilux.CodeFixes.Declarations;

/// <summary>
/// RTLX0005: turns an [Emits] method into the body-less partial declaration the generator implements: adds
/// <c>partial</c>, drops the body (and <c>async</c>/<c>extern</c>), or deletes a hand-written implementation part.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeEmitsPartialCodeFix)), Shared]
public sealed class MakeEmitsPartialCodeFix : CodeFixProvider
{
    private const string EquivalenceKey = "RTLX0005.MakePartialWithoutBody";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.EmitsNotPartial);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not MethodDeclarationSyntax method || model is null)
            {
                continue;
            }

            // The implementation of a partial method whose declaration exists elsewhere: the generator writes it.
            var removeImplementation = model.GetDeclaredSymbol(method, context.CancellationToken) is IMethodSymbol { PartialDefinitionPart: not null };
            context.RegisterCodeFix(
                CodeAction.Create(
                    removeImplementation
                        ? "Remove the implementation of '" + method.Identifier.ValueText + "' (the generator writes it)"
                        : "Make '" + method.Identifier.ValueText + "' partial without a body",
                    cancellationToken => FixAsync(context.Document, method, removeImplementation, cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document> FixAsync(Document document, MethodDeclarationSyntax method, bool removeImplementation, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var fixedRoot = removeImplementation
            ? root.RemoveNode(method, SyntaxRemoveOptions.KeepNoTrivia)
            : root.ReplaceNode(method, Declaration(method));
        return fixedRoot is null ? document : document.WithSyntaxRoot(fixedRoot);
    }

    /// <summary><c>public partial void Word(string word);</c> from whatever was written.</summary>
    private static MethodDeclarationSyntax Declaration(MethodDeclarationSyntax method)
    {
        var bodyEnd = method.Body?.CloseBraceToken ?? method.SemicolonToken;
        var declaration = method
            .WithModifiers(SyntaxFactory.TokenList(method.Modifiers.Where(m => !m.IsKind(SyntaxKind.AsyncKeyword) && !m.IsKind(SyntaxKind.ExternKeyword))))
            .WithBody(null)
            .WithExpressionBody(null)
            .WithParameterList(method.ParameterList.WithTrailingTrivia())
            .WithSemicolonToken(SyntaxFactory.Token(SyntaxKind.SemicolonToken).WithTrailingTrivia(bodyEnd.TrailingTrivia));
        return declaration.Modifiers.Any(SyntaxKind.PartialKeyword) ? declaration : Modifiers.AddPartial(declaration);
    }
}
