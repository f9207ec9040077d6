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

/// <summary>RTLX2010: adds the missing step of the chain as an empty <c>[MigrateState(from: v)]</c> method for the user to fill in.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddMigrationCodeFix)), Shared]
public sealed class AddMigrationCodeFix : CodeFixProvider
{
    internal const string EquivalenceKey = "RTLX2010.AddMigration";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.MigrationChainGap);

    /// <summary>Every missing step of every routine in scope, added in one pass per document (see <see cref="AddMigrationFixAll"/>).</summary>
    public override FixAllProvider GetFixAllProvider() => AddMigrationFixAll.Instance;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root is not null && Gap(root, diagnostic) is var (declaration, from))
            {
                var text = from.ToString(CultureInfo.InvariantCulture);
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Add the migration from version " + text,
                        cancellationToken => AddAsync(context.Document, declaration, from, cancellationToken),
                        EquivalenceKey),
                    diagnostic);
            }
        }
    }

    /// <summary>The class a RTLX2010 diagnostic is about and the step it misses, or null.</summary>
    internal static (TypeDeclarationSyntax Declaration, int From)? Gap(SyntaxNode root, Diagnostic diagnostic) =>
        root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<TypeDeclarationSyntax>() is { } declaration
        && diagnostic.Properties.TryGetValue(StateProperties.From, out var text)
        && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var from)
            ? (declaration, from)
            : null;

    private static async Task<Document> AddAsync(Document document, TypeDeclarationSyntax declaration, int from, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return root is null ? document : document.WithSyntaxRoot(root.ReplaceNode(declaration, MigrationStub.Add(declaration, from)));
    }
}
