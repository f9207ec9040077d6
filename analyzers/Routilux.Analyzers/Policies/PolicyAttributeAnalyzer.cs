using System.Collections.Immutable;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Routilux.Generators.Diagnostics;
using Routilux.Analyzers.Infrastructure;
using Routilux.Generators.Parsing;

namespace Routilux.Analyzers.Policies;

/// <summary>
/// Checks literal policy settings in attributes: [OnError] retry settings (RTLX9001), [Batch] and [Interval] values
/// (RTLX9002), and millisecond values no TimeSpan can hold (RTLX9003), which would make the routine's descriptor
/// throw a TypeInitializationException on first use. Symbol actions, reported as the user types.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PolicyAttributeAnalyzer : DiagnosticAnalyzer
{
    // Routilux.ErrorStrategy.Retry; the attribute carries the enum's number.
    private const int RetryStrategy = 2;

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.InvalidRetrySetting,
        DiagnosticDescriptors.InvalidActivationSetting,
        DiagnosticDescriptors.UnrepresentableMilliseconds);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(symbolContext => AnalyzerGuard.Run(symbolContext, AnalyzeType), SymbolKind.NamedType);
        context.RegisterSymbolAction(symbolContext => AnalyzerGuard.Run(symbolContext, AnalyzeMethod), SymbolKind.Method);
    }

    private static void AnalyzeType(SymbolAnalysisContext context)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        foreach (var attribute in type.GetAttributes())
        {
            if (KnownTypes.IsOnErrorAttribute(attribute.AttributeClass)
                && attribute.ConstructorArguments.Length == 1
                && attribute.ConstructorArguments[0].Value is int strategy
                && strategy == RetryStrategy)
            {
                var checker = new RetrySettings(type, attribute, new DiagnosticReporter(context.Compilation, context.ReportDiagnostic), context.CancellationToken);
                checker.Check(context.Compilation.GetTypeByMetadataName("System.Exception"));
            }
        }
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context)
    {
        var method = (IMethodSymbol)context.Symbol;
        var reporter = new DiagnosticReporter(context.Compilation, context.ReportDiagnostic);
        foreach (var attribute in method.GetAttributes())
        {
            var type = attribute.AttributeClass;
            if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Kind == TypedConstantKind.Error)
            {
                continue;
            }

            if (KnownTypes.IsBatchAttribute(type) && attribute.ConstructorArguments[0].Value is int size)
            {
                CheckBatch(method, attribute, size, reporter, context.CancellationToken);
            }
            else if (KnownTypes.IsIntervalAttribute(type) && attribute.ConstructorArguments[0].Value is double period)
            {
                var location = AttributeArguments.PositionalLocation(attribute, 0, context.CancellationToken);
                if (!Milliseconds.AreRepresentable(period))
                {
                    reporter.Report(DiagnosticDescriptors.UnrepresentableMilliseconds, location, "The [Interval] period", Milliseconds.Format(period), method.ContainingType.Name);
                }
                else if (period <= 0)
                {
                    reporter.Report(DiagnosticDescriptors.InvalidActivationSetting, location, "[Interval]", method.Name,
                        "an interval of " + Milliseconds.Format(period) + " ms never passes; use a positive period");
                }
            }
        }
    }

    private static void CheckBatch(IMethodSymbol method, AttributeData attribute, int size, DiagnosticReporter reporter, CancellationToken cancellationToken)
    {
        if (size < 1)
        {
            reporter.Report(DiagnosticDescriptors.InvalidActivationSetting, AttributeArguments.PositionalLocation(attribute, 0, cancellationToken), "[Batch]", method.Name,
                "a batch size of " + size.ToString(CultureInfo.InvariantCulture) + " holds no message; use 1 or more");
        }

        // A wait of 0 (the default) means "until the job has nothing else to do"; anything else becomes a TimeSpan.
        if (AttributeArguments.Named(attribute, "MaxWaitMilliseconds")?.Value is double wait && wait != 0)
        {
            var location = AttributeArguments.NamedLocation(attribute, "MaxWaitMilliseconds", cancellationToken);
            if (!Milliseconds.AreRepresentable(wait))
            {
                reporter.Report(DiagnosticDescriptors.UnrepresentableMilliseconds, location, "MaxWaitMilliseconds", Milliseconds.Format(wait), method.ContainingType.Name);
            }
            else if (wait < 0)
            {
                reporter.Report(DiagnosticDescriptors.InvalidActivationSetting, location, "[Batch]", method.Name,
                    "a maximum wait of " + Milliseconds.Format(wait) + " ms; use a positive wait, or 0 to wait until the job has nothing else to do");
            }
        }
    }
}
