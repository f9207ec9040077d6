using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Routilux.Analyzers.State;
using Routilux.Generators.Diagnostics;

namespace Routilux.CodeFixes.State;

/// <summary>
/// RTLX2013: pins a state member's saved name to the one it has now: <c>[State]</c> becomes
/// <c>[State(Name = "count")]</c>, and a member that is state through the class's [State] gets that attribute. A
/// field declaration of several variables is left alone: one attribute would give them all the same name.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PinStateNameCodeFix)), Shared]
public sealed class PinStateNameCodeFix : CodeFixProvider
{
    private const string EquivalenceKey = "RTLX2013.PinName";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UnpinnedStateName);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root is not null
                && diagnostic.Properties.TryGetValue(StateProperties.JsonName, out var name) && name is not null
                && Member(root.FindToken(diagnostic.Location.SourceSpan.Start).Parent) is { } member)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Pin the saved name '" + name + "'", cancellationToken => PinAsync(context.Document, member, name, cancellationToken), EquivalenceKey),
                    diagnostic);
            }
        }
    }

    /// <summary>The declaration the attribute goes on: a property, or a field declaring one variable.</summary>
    private static MemberDeclarationSyntax? Member(SyntaxNode? node) => node switch
    {
        PropertyDeclarationSyntax property => property,
        VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: FieldDeclarationSyntax field } } => field,
        _ => null,
    };

    private static async Task<Document> PinAsync(Document document, MemberDeclarationSyntax member, string name, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        MemberDeclarationSyntax pinned;
        if (StateAttributes.Find(member.AttributeLists, "State") is { } state)
        {
            pinned = member.ReplaceNode(state, StateAttributes.WithNamedArgument(state, "Name", StateAttributes.String(name)));
        }
        else
        {
            // On the member's line, before it: "[State(Name = "count")] private long count;". Parsed from text, so
            // no elastic trivia invites the formatter to move the attribute to a line of its own.
            var literal = Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(name, quote: true);
            var parsed = SyntaxFactory.ParseMemberDeclaration("[State(Name = " + literal + ")] " + member.WithoutLeadingTrivia().ToFullString());
            if (parsed is null)
            {
                return document;
            }

            pinned = parsed.WithLeadingTrivia(member.GetLeadingTrivia());
        }

        return document.WithSyntaxRoot(root.ReplaceNode(member, pinned));
    }
}
