using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Routilux.CodeFixes.State;

/// <summary>
/// Fix All for the shape file: every routine's shape in scope is recorded in one edit per project. The batch fixer
/// would merge text changes of one shared file made from the same original, and lose all but one.
/// </summary>
internal sealed class RecordShapeFixAll : FixAllProvider
{
    public static readonly RecordShapeFixAll Instance = new();

    public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

    public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
    {
        if (fixAllContext.CodeActionEquivalenceKey != RecordShapeCodeFix.EquivalenceKey)
        {
            return Task.FromResult<CodeAction?>(null);
        }

        return Task.FromResult<CodeAction?>(CodeAction.Create(
            "Record every state shape in RoutiluxState.Shipped.json",
            async cancellationToken =>
            {
                var projects = fixAllContext.Scope == FixAllScope.Solution ? fixAllContext.Solution.Projects : new[] { fixAllContext.Project };
                var solution = fixAllContext.Solution;
                foreach (var project in projects)
                {
                    ImmutableArray<Diagnostic> diagnostics;
                    if (fixAllContext.Scope == FixAllScope.Document && fixAllContext.Document is { } document)
                    {
                        diagnostics = await fixAllContext.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false);
                    }
                    else
                    {
                        diagnostics = await fixAllContext.GetAllDiagnosticsAsync(project).ConfigureAwait(false);
                    }

                    var records = new List<ShapeRecord>();
                    foreach (var diagnostic in diagnostics)
                    {
                        if (ShapeRecord.From(diagnostic) is { } record)
                        {
                            records.Add(record);
                        }
                    }

                    solution = await ShapeFileEdit.RecordAsync(solution, project.Id, records, cancellationToken).ConfigureAwait(false);
                }

                return solution;
            },
            RecordShapeCodeFix.EquivalenceKey));
    }
}
