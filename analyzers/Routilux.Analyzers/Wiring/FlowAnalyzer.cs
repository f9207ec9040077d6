using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Routilux.Generators.Diagnostics;
using Routilux.Analyzers.Infrastructure;

namespace Routilux.Analyzers.Wiring;

/// <summary>
/// Checks flows wired with FlowBuilder (RTLX1001-RTLX1009), and names the payload types of a typed Connect that
/// does not compile (RTLX1003, see TypedConnectCheck). A flow is judged as a whole, so the analysis runs per
/// method body (an operation block): it finds each <c>new FlowBuilder(...)</c> stored in a local, reads every use of
/// that local, and reports only when the whole flow is built right there with literal ids. A builder passed to
/// another method, stored in a field or used in a way this analyzer does not follow is left alone.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FlowAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.UnconnectedSlot,
        DiagnosticDescriptors.UnconnectedEvent,
        DiagnosticDescriptors.PayloadMismatch,
        DiagnosticDescriptors.UnknownPort,
        DiagnosticDescriptors.DuplicateRoutineId,
        DiagnosticDescriptors.ForeignPort,
        DiagnosticDescriptors.NoConstructorWithoutFactory,
        DiagnosticDescriptors.DuplicateConnection,
        DiagnosticDescriptors.NoEntry);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (WiringSymbols.From(start.Compilation) is not { } symbols)
            {
                return;
            }

            var shapes = new RoutineShapes();
            start.RegisterOperationBlockStartAction(block => AnalyzerGuard.Run(block, b => AnalyzeBlock(b, symbols, shapes)));

            // A typed Connect whose payloads differ does not bind, so it has no operation to read: it is checked on syntax.
            start.RegisterSyntaxNodeAction(node => AnalyzerGuard.Run(node, n => TypedConnectCheck.Analyze(n, symbols)), SyntaxKind.InvocationExpression);
        });
    }

    private static void AnalyzeBlock(OperationBlockStartAnalysisContext context, WiringSymbols symbols, RoutineShapes shapes)
    {
        // Most methods build no flow: collect the creations first, and read flows only where there are some.
        var creations = new List<IObjectCreationOperation>();
        context.RegisterOperationAction(
            operationContext =>
            {
                if (symbols.IsFlowBuilder(operationContext.Operation.Type))
                {
                    lock (creations)
                    {
                        creations.Add((IObjectCreationOperation)operationContext.Operation);
                    }
                }
            },
            OperationKind.ObjectCreation);

        context.RegisterOperationBlockEndAction(end => AnalyzerGuard.Run(end, e =>
        {
            var reporter = new DiagnosticReporter(e.Compilation, e.ReportDiagnostic);
            var collector = new FlowCollector(symbols, shapes, e.Compilation, e.CancellationToken);
            foreach (var creation in creations)
            {
                if (collector.Collect(creation) is { } flow)
                {
                    FlowChecks.Report(flow, e.Compilation, reporter);
                }
            }
        }));
    }
}
