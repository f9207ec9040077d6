using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Routilux.CodeFixes.Wiring;

/// <summary>Applies wiring edits to a document: each new statement after its anchor, indented like it, in order.</summary>
internal static class WiringEditor
{
    public static async Task<Document> ApplyAsync(Document document, IReadOnlyList<WiringEdit> edits, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || edits.Count == 0)
        {
            return document;
        }

        var byAnchor = edits.GroupBy(edit => edit.Anchor).ToDictionary(group => group.Key, group => group.Select(edit => edit.Statement).Distinct().ToList());
        var fixedRoot = root.TrackNodes(byAnchor.Keys);
        foreach (var pair in byAnchor)
        {
            var anchor = fixedRoot.GetCurrentNode(pair.Key) ?? pair.Key;
            fixedRoot = fixedRoot.InsertNodesAfter(anchor, pair.Value.Select(statement => Statement(pair.Key, statement)));
        }

        return document.WithSyntaxRoot(fixedRoot);
    }

    /// <summary>The statement, with the anchor's indentation before it and its line ending after it.</summary>
    private static SyntaxNode Statement(SyntaxNode anchor, string text)
    {
        var indentation = anchor.GetLeadingTrivia().Reverse().TakeWhile(trivia => trivia.IsKind(SyntaxKind.WhitespaceTrivia)).Reverse();
        var lineEnding = anchor.GetTrailingTrivia().Where(trivia => trivia.IsKind(SyntaxKind.EndOfLineTrivia)).DefaultIfEmpty(SyntaxFactory.ElasticCarriageReturnLineFeed);
        var statement = SyntaxFactory.ParseStatement(text).WithLeadingTrivia(indentation).WithTrailingTrivia(lineEnding);
        return anchor is GlobalStatementSyntax ? SyntaxFactory.GlobalStatement(statement) : statement;
    }
}
