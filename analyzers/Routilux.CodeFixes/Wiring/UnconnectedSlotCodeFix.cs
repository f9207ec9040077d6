using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Routilux.Generators.Diagnostics;
using Routilux.Analyzers.Wiring;

namespace Routilux.CodeFixes.Wiring;

/// <summary>
/// RTLX1001: connects an unconnected slot to a compatible event of another routine of the flow
/// (<c>flow.Connect(src.Event(), dst.Slot());</c> after the last Add or Connect), or marks it as an entry
/// (<c>flow.Entry(dst.Slot());</c>). Everything it needs comes with the diagnostic's properties.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnconnectedSlotCodeFix)), Shared]
public sealed class UnconnectedSlotCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UnconnectedSlot);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => UnconnectedSlotFixAll.Instance;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var slot = WiringEdit.Value(diagnostic, WiringProperties.RoutineId) + "." + WiringEdit.Value(diagnostic, WiringProperties.SlotName);
            for (var i = 0; i < WiringEdit.Count(diagnostic); i++)
            {
                var key = WiringEdit.KeyOf(diagnostic, i);
                var source = WiringEdit.Value(diagnostic, WiringProperties.Candidate(i, "RoutineId")) + "." + WiringEdit.Value(diagnostic, WiringProperties.Candidate(i, "Name"));
                Register(context, root, diagnostic, key, "Connect " + source + " to " + slot);
            }

            Register(context, root, diagnostic, WiringEdit.EntryKey, "Mark " + slot + " as an entry");
        }
    }

    private static void Register(CodeFixContext context, SyntaxNode root, Diagnostic diagnostic, string key, string title)
    {
        if (WiringEdit.For(root, diagnostic, key) is { } edit)
        {
            context.RegisterCodeFix(
                CodeAction.Create(title, cancellationToken => WiringEditor.ApplyAsync(context.Document, new[] { edit }, cancellationToken), key),
                diagnostic);
        }
    }
}
