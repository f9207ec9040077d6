using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Routilux.Generators.Diagnostics;
using Routilux.Analyzers.Infrastructure;

namespace Routilux.Analyzers.Policies;

/// <summary>
/// Checks policies created in code with literal arguments (RTLX9005): <c>ErrorPolicy.Retry(-1, ...)</c>, a backoff
/// below 1 or a negative delay, a retry falling back to a retry, <c>ActivationPolicy.Batch(0)</c>, a non-positive
/// batch wait or interval, and <c>flow.SetCapacity(slot, 0)</c>. Values that are not literals are never reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PolicyInvocationAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.InvalidPolicyArgument);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterOperationAction(operationContext => AnalyzerGuard.Run(operationContext, Analyze), OperationKind.Invocation);
    }

    private static void Analyze(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (method.ContainingType is not { ContainingNamespace: { Name: "Routilux", ContainingNamespace.IsGlobalNamespace: true } } type)
        {
            return;
        }

        var check = new Check(invocation, type.Name + "." + method.Name, new DiagnosticReporter(context.Compilation, context.ReportDiagnostic));
        switch (type.Name, method.Name)
        {
            case ("ErrorPolicy", "Retry"):
                check.Int("maxRetries", value => value < 0, "maxRetries is {0}; use 0 or more");
                check.TimeSpan("delay", sign => sign < 0, "the delay is negative; use zero or more");
                check.Double("backoffFactor", value => double.IsNaN(value) || value < 1, "backoffFactor is {0}; use 1 (constant delay) or more");
                check.RetryFallback();
                break;
            case ("ActivationPolicy", "Batch"):
                check.Int("size", value => value < 1, "a batch size of {0} holds no message; use 1 or more");
                check.TimeSpan("maxWait", sign => sign <= 0, "the maximum wait is not positive; use a positive time, or null to wait until the job has nothing else to do");
                break;
            case ("ActivationPolicy", "Interval"):
                check.TimeSpan("period", sign => sign <= 0, "the period is not positive; use a positive period");
                break;
            case ("FlowBuilder", "SetCapacity"):
                check.Int("capacity", value => value < 1, "a capacity of {0} holds no message; use 1 or more");
                break;
        }
    }

    /// <summary>The checks of one call, each reporting at the offending argument.</summary>
    private readonly struct Check
    {
        private readonly IInvocationOperation _invocation;
        private readonly string _call;
        private readonly DiagnosticReporter _reporter;

        public Check(IInvocationOperation invocation, string call, DiagnosticReporter reporter)
        {
            _invocation = invocation;
            _call = call;
            _reporter = reporter;
        }

        public void Int(string parameter, System.Func<int, bool> invalid, string message)
        {
            if (Argument(parameter) is { } argument && argument.Value.ConstantValue is { HasValue: true, Value: int value } && invalid(value))
            {
                Report(argument, string.Format(CultureInfo.InvariantCulture, message, value));
            }
        }

        public void Double(string parameter, System.Func<double, bool> invalid, string message)
        {
            if (Argument(parameter) is { } argument && argument.Value.ConstantValue is { HasValue: true, Value: double value } && invalid(value))
            {
                Report(argument, string.Format(CultureInfo.InvariantCulture, message, Milliseconds.Format(value)));
            }
        }

        public void TimeSpan(string parameter, System.Func<int, bool> invalid, string message)
        {
            if (Argument(parameter) is { } argument && TimeSpanLiterals.Sign(argument.Value) is { } sign && invalid(sign))
            {
                Report(argument, message);
            }
        }

        /// <summary>A retry whose <c>then</c> is itself <c>ErrorPolicy.Retry(...)</c>.</summary>
        public void RetryFallback()
        {
            if (Argument("then") is { } argument
                && Unwrap(argument.Value) is IInvocationOperation { TargetMethod: { Name: "Retry", ContainingType.Name: "ErrorPolicy" } })
            {
                Report(argument, "the fallback of a retry cannot be another retry; fall back to Stop, Continue or Skip");
            }
        }

        private IArgumentOperation? Argument(string parameter)
        {
            foreach (var argument in _invocation.Arguments)
            {
                if (argument.Parameter?.Name == parameter && argument.ArgumentKind != ArgumentKind.DefaultValue)
                {
                    return argument;
                }
            }

            return null;
        }

        private void Report(IArgumentOperation argument, string message) =>
            _reporter.Report(DiagnosticDescriptors.InvalidPolicyArgument, argument.Syntax.GetLocation(), _call, message);

        private static IOperation Unwrap(IOperation operation)
        {
            while (operation is IConversionOperation conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }
    }
}
