using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Routilux.Analyzers.Wiring;

namespace Routilux.CodeFixes.Wiring;

/// <summary>One statement to add to a flow, and the statement it goes after.</summary>
/// <param name="Anchor">The statement (or top-level statement) to insert after.</param>
/// <param name="Statement">The new statement's text, such as <c>flow.Connect(tok.Word(), cnt.Word());</c>.</param>
internal sealed record WiringEdit(SyntaxNode Anchor, string Statement)
{
    public const string EntryKey = "RTLX1001.Entry";
    public const string OnlyCandidateKey = "RTLX1001.ConnectOnlyCandidate";
    public const string CandidateKeyPrefix = "RTLX1001.Connect:";

    /// <summary>
    /// The edit a fix with <paramref name="equivalenceKey"/> makes for <paramref name="diagnostic"/>, from the
    /// diagnostic's properties alone; null when it does not apply (another candidate, no handle, no anchor).
    /// </summary>
    public static WiringEdit? For(SyntaxNode root, Diagnostic diagnostic, string equivalenceKey)
    {
        var properties = diagnostic.Properties;
        if (!properties.TryGetValue(WiringProperties.Builder, out var builder) || builder is null
            || !properties.TryGetValue(WiringProperties.RoutineId, out var routineId) || routineId is null
            || !properties.TryGetValue(WiringProperties.SlotName, out var slotName) || slotName is null)
        {
            return null;
        }

        properties.TryGetValue(WiringProperties.Handle, out var handle);
        properties.TryGetValue(WiringProperties.SlotMethod, out var slotMethod);
        var typedSlot = handle is not null && slotMethod is not null;
        var slot = typedSlot ? handle + "." + slotMethod + "()" : Literal(routineId + "." + slotName);
        if (equivalenceKey == EntryKey)
        {
            return FindAnchor(root, diagnostic, builder, "Add", "Connect", "ConnectByName", "Entry", "EntryByName") is { } entryAnchor
                ? new WiringEdit(entryAnchor, builder + (typedSlot ? ".Entry(" : ".EntryByName(") + slot + ");")
                : null;
        }

        var candidate = CandidateFor(properties, equivalenceKey);
        if (candidate < 0 || FindAnchor(root, diagnostic, builder, "Add", "Connect", "ConnectByName") is not { } anchor)
        {
            return null;
        }

        properties.TryGetValue(WiringProperties.Candidate(candidate, "Handle"), out var sourceHandle);
        properties.TryGetValue(WiringProperties.Candidate(candidate, "Method"), out var method);
        properties.TryGetValue(WiringProperties.Candidate(candidate, "RoutineId"), out var sourceId);
        properties.TryGetValue(WiringProperties.Candidate(candidate, "Name"), out var eventName);

        // Typed ports when both handles are in locals (the compiler then checks the connection); names otherwise.
        var statement = sourceHandle is not null && method is not null && handle is not null && slotMethod is not null
            ? builder + ".Connect(" + sourceHandle + "." + method + "(), " + slot + ");"
            : builder + ".ConnectByName(" + Literal(sourceId + "." + eventName) + ", " + Literal(routineId + "." + slotName) + ");";
        return new WiringEdit(anchor, statement);
    }

    /// <summary>The equivalence key of the action connecting candidate <paramref name="index"/>.</summary>
    public static string KeyOf(Diagnostic diagnostic, int index) =>
        Count(diagnostic) == 1
            ? OnlyCandidateKey
            : CandidateKeyPrefix + Value(diagnostic, WiringProperties.Candidate(index, "RoutineId")) + "." + Value(diagnostic, WiringProperties.Candidate(index, "Name"));

    public static int Count(Diagnostic diagnostic) =>
        int.TryParse(Value(diagnostic, WiringProperties.CandidateCount), NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : 0;

    public static string Value(Diagnostic diagnostic, string key) =>
        diagnostic.Properties.TryGetValue(key, out var value) && value is not null ? value : string.Empty;

    /// <summary>The candidate an equivalence key selects for this diagnostic, or -1.</summary>
    private static int CandidateFor(System.Collections.Immutable.ImmutableDictionary<string, string?> properties, string equivalenceKey)
    {
        var count = properties.TryGetValue(WiringProperties.CandidateCount, out var text)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        if (equivalenceKey == OnlyCandidateKey)
        {
            return count == 1 ? 0 : -1;
        }

        for (var i = 0; i < count; i++)
        {
            properties.TryGetValue(WiringProperties.Candidate(i, "RoutineId"), out var id);
            properties.TryGetValue(WiringProperties.Candidate(i, "Name"), out var name);
            if (equivalenceKey == CandidateKeyPrefix + id + "." + name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// The last statement of the block holding the diagnostic's Add call that calls one of <paramref name="methods"/>
    /// on the builder: new wiring goes after the wiring already there.
    /// </summary>
    private static SyntaxNode? FindAnchor(SyntaxNode root, Diagnostic diagnostic, string builder, params string[] methods)
    {
        var statement = root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<StatementSyntax>();
        var container = statement?.Parent is GlobalStatementSyntax global ? global.Parent : statement?.Parent;
        if (statement is null || container is null)
        {
            return null;
        }

        SyntaxNode? anchor = null;
        foreach (var child in container.ChildNodes())
        {
            var candidate = child is GlobalStatementSyntax top ? top.Statement : child as StatementSyntax;
            if (candidate is not null && Calls(candidate, builder, methods))
            {
                anchor = child;
            }
        }

        return anchor;
    }

    private static bool Calls(StatementSyntax statement, string builder, string[] methods) =>
        statement.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(invocation =>
            invocation.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax target } access
            && target.Identifier.ValueText == builder
            && methods.Contains(access.Name.Identifier.ValueText));

    private static string Literal(string text) => SymbolDisplay.FormatLiteral(text, quote: true);
}
