using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Routilux.CodeFixes.Wiring;

/// <summary>
/// Fix All for RTLX1001: every diagnostic of a document gets the edit the chosen action stands for (mark as entry;
/// connect the only compatible event; connect one named event), and all statements are inserted in one pass, in
/// source order, so several fixes after the same anchor never collide.
/// </summary>
internal sealed class UnconnectedSlotFixAll : DocumentBasedFixAllProvider
{
    public static readonly UnconnectedSlotFixAll Instance = new();

    protected override string GetFixAllTitle(FixAllContext fixAllContext) => fixAllContext.CodeActionEquivalenceKey switch
    {
        WiringEdit.EntryKey => "Mark every unconnected slot as an entry",
        WiringEdit.OnlyCandidateKey => "Connect every unconnected slot to its only compatible event",
        _ => "Connect every unconnected slot this event can feed",
    };

    protected override async Task<Document?> FixAllAsync(FixAllContext fixAllContext, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        var root = await document.GetSyntaxRootAsync(fixAllContext.CancellationToken).ConfigureAwait(false);
        var key = fixAllContext.CodeActionEquivalenceKey;
        if (root is null || key is null)
        {
            return document;
        }

        var edits = new List<WiringEdit>();
        foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
        {
            if (WiringEdit.For(root, diagnostic, key) is { } edit)
            {
                edits.Add(edit);
            }
        }

        return await WiringEditor.ApplyAsync(document, edits, fixAllContext.CancellationToken).ConfigureAwait(false);
    }
}
