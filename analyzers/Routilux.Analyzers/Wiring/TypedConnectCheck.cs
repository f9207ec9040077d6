using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Routilux.Analyzers.Infrastructure;
using Routilux.Generators.Diagnostics;

namespace Routilux.Analyzers.Wiring;

/// <summary>
/// <c>flow.Connect(ints.Number(), words.Word())</c> with an int event and a string slot does not compile, but the
/// compiler only says that it cannot infer Connect's type argument (CS0411). This reports RTLX1003 beside it,
/// naming both ports and both payload types, so the error says what is actually wrong.
/// </summary>
internal static class TypedConnectCheck
{
    public static void Analyze(SyntaxNodeAnalysisContext context, WiringSymbols symbols)
    {
        var invocation = (InvocationExpressionSyntax)context.Node;
        var name = invocation.Expression switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            _ => null,
        };
        if (name != "Connect" || invocation.ArgumentList.Arguments.Count != 2)
        {
            return;
        }

        // Only a call that failed to bind to FlowBuilder.Connect: a successful one has matching payloads.
        var info = context.SemanticModel.GetSymbolInfo(invocation, context.CancellationToken);
        if (info.Symbol is not null || !IsFlowBuilderConnect(info, symbols))
        {
            return;
        }

        var from = invocation.ArgumentList.Arguments[0].Expression;
        var to = invocation.ArgumentList.Arguments[1].Expression;
        if (Payload(context, from, symbols, PortKind.Event) is not { } sent
            || Payload(context, to, symbols, PortKind.Slot) is not { } taken
            || SymbolEqualityComparer.Default.Equals(sent, taken))
        {
            return;
        }

        var reporter = new DiagnosticReporter(context.Compilation, context.ReportDiagnostic);
        reporter.Report(
            DiagnosticDescriptors.PayloadMismatch,
            invocation.GetLocation(),
            from.ToString(),
            sent.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
            to.ToString(),
            taken.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat));
    }

    private static bool IsFlowBuilderConnect(SymbolInfo info, WiringSymbols symbols)
    {
        foreach (var candidate in info.CandidateSymbols)
        {
            if (candidate is IMethodSymbol { Name: "Connect", IsGenericMethod: true } method && symbols.IsFlowBuilder(method.ContainingType))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>T of an EventPort&lt;T&gt; (or SlotPort&lt;T&gt;) argument, or null when the argument is not one.</summary>
    private static ITypeSymbol? Payload(SyntaxNodeAnalysisContext context, ExpressionSyntax argument, WiringSymbols symbols, PortKind kind) =>
        context.SemanticModel.GetTypeInfo(argument, context.CancellationToken).Type is INamedTypeSymbol { TypeArguments.Length: 1 } port
        && symbols.PortKindOf(port) == kind
        && port.TypeArguments[0].TypeKind != TypeKind.Error
            ? port.TypeArguments[0]
            : null;
}
