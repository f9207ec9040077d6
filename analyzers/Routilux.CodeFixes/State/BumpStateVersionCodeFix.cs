using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Routilux.Analyzers.State;
using Routilux.Generators.Diagnostics;

namespace Routilux.CodeFixes.State;

/// <summary>
/// RTLX2015: bumps the routine's StateVersion from n to n + 1 in its [Routine] attribute and adds an empty
/// [MigrateState(from: n)] for the user to fill in (unless one exists). The shape file is not touched: the entry of
/// version n stays as history, and RTLX2016 then asks for version n + 1's entry, to record once its shape is final.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BumpStateVersionCodeFix)), Shared]
public sealed class BumpStateVersionCodeFix : CodeFixProvider
{
    private const string EquivalenceKey = "RTLX2015.BumpVersion";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ShapeChangedWithoutBump);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent is TypeDeclarationSyntax declaration
                && StateAttributes.Find(declaration.AttributeLists, "Routine") is not null
                && diagnostic.Properties.TryGetValue(StateProperties.Version, out var text)
                && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Bump StateVersion to " + (version + 1).ToString(CultureInfo.InvariantCulture),
                        cancellationToken => BumpAsync(context.Document, declaration, version, cancellationToken),
                        EquivalenceKey),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> BumpAsync(Document document, TypeDeclarationSyntax declaration, int version, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null || StateAttributes.Find(declaration.AttributeLists, "Routine") is not { } routine)
        {
            return document;
        }

        var bumped = declaration.ReplaceNode(routine, StateAttributes.WithNamedArgument(routine, "StateVersion", StateAttributes.Number(version + 1)));
        if (model.GetDeclaredSymbol(declaration, cancellationToken) is not INamedTypeSymbol type || !MigrationStub.Exists(type, version))
        {
            bumped = MigrationStub.Add(bumped, version);
        }

        return document.WithSyntaxRoot(root.ReplaceNode(declaration, bumped));
    }
}
