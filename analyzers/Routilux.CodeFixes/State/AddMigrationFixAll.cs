using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Routilux.CodeFixes.State;

/// <summary>
/// Fix All for RTLX2010: each routine gets all its missing steps in one edit, in version order. The batch fixer would
/// merge several additions to the same class made from the same original, and keep one.
/// </summary>
internal sealed class AddMigrationFixAll : DocumentBasedFixAllProvider
{
    public static readonly AddMigrationFixAll Instance = new();

    protected override string GetFixAllTitle(FixAllContext fixAllContext) => "Add every missing migration";

    protected override async Task<Document?> FixAllAsync(FixAllContext fixAllContext, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        var root = await document.GetSyntaxRootAsync(fixAllContext.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var steps = new Dictionary<TypeDeclarationSyntax, SortedSet<int>>();
        foreach (var diagnostic in diagnostics)
        {
            if (AddMigrationCodeFix.Gap(root, diagnostic) is var (declaration, from))
            {
                if (!steps.TryGetValue(declaration, out var froms))
                {
                    steps.Add(declaration, froms = new SortedSet<int>());
                }

                froms.Add(from);
            }
        }

        var fixedRoot = root.ReplaceNodes(steps.Keys, (original, _) => steps[original].Aggregate(original, MigrationStub.Add));
        return document.WithSyntaxRoot(fixedRoot);
    }
}
