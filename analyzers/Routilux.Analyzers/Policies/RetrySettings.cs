using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Routilux.Generators.Diagnostics;
using Routilux.Analyzers.Infrastructure;

namespace Routilux.Analyzers.Policies;

/// <summary>
/// The settings of one <c>[OnError(ErrorStrategy.Retry, ...)]</c>, checked as ErrorPolicy.Validate would check
/// them when the flow is built, with the attribute's defaults (3 retries, 1000 ms, backoff 2, no cap).
/// </summary>
internal readonly struct RetrySettings
{
    private const int RetryStrategy = 2;

    private readonly INamedTypeSymbol _routine;
    private readonly AttributeData _attribute;
    private readonly DiagnosticReporter _reporter;
    private readonly CancellationToken _cancellationToken;

    public RetrySettings(INamedTypeSymbol routine, AttributeData attribute, DiagnosticReporter reporter, CancellationToken cancellationToken)
    {
        _routine = routine;
        _attribute = attribute;
        _reporter = reporter;
        _cancellationToken = cancellationToken;
    }

    public void Check(INamedTypeSymbol? exceptionType)
    {
        if (Number<int>("MaxRetries") is < 0 and var retries)
        {
            Invalid("MaxRetries", "MaxRetries is " + retries.ToString(CultureInfo.InvariantCulture) + "; use 0 or more");
        }

        var delay = Number<double>("DelayMilliseconds") ?? 1000;
        var delayIsValid = CheckMilliseconds("DelayMilliseconds", delay);
        if (delayIsValid && delay < 0)
        {
            Invalid("DelayMilliseconds", "DelayMilliseconds is " + Milliseconds.Format(delay) + "; use 0 or more");
        }

        if (Number<double>("BackoffFactor") is { } backoff && (double.IsNaN(backoff) || backoff < 1))
        {
            Invalid("BackoffFactor", "BackoffFactor is " + Milliseconds.Format(backoff) + "; use 1 (constant delay) or more");
        }

        // Only a positive maximum becomes a TimeSpan; 0 or less means no cap.
        if (Number<double>("MaxDelayMilliseconds") is { } maxDelay && maxDelay > 0
            && CheckMilliseconds("MaxDelayMilliseconds", maxDelay) && delayIsValid && maxDelay < delay)
        {
            Invalid("MaxDelayMilliseconds", "MaxDelayMilliseconds (" + Milliseconds.Format(maxDelay) + ") is shorter than DelayMilliseconds (" + Milliseconds.Format(delay) + ")");
        }

        if (AttributeArguments.Named(_attribute, "RetryOn") is { Kind: TypedConstantKind.Array, IsNull: false } retryOn && exceptionType is not null)
        {
            foreach (var item in retryOn.Values)
            {
                if (item.Value is ITypeSymbol { TypeKind: not TypeKind.Error } type && !DerivesFrom(type, exceptionType))
                {
                    Invalid("RetryOn", "RetryOn lists '" + type.Name + "', which is not an exception type");
                }
            }
        }

        if (Number<int>("Fallback") == RetryStrategy)
        {
            Invalid("Fallback", "the fallback of a retry cannot be another retry; fall back to Stop, Continue or Skip");
        }
    }

    /// <summary>Reports RTLX9003 when no TimeSpan can hold the value; returns whether one can.</summary>
    private bool CheckMilliseconds(string name, double value)
    {
        if (Milliseconds.AreRepresentable(value))
        {
            return true;
        }

        _reporter.Report(DiagnosticDescriptors.UnrepresentableMilliseconds, AttributeArguments.NamedLocation(_attribute, name, _cancellationToken),
            name, Milliseconds.Format(value), _routine.Name);
        return false;
    }

    private void Invalid(string name, string message) =>
        _reporter.Report(DiagnosticDescriptors.InvalidRetrySetting, AttributeArguments.NamedLocation(_attribute, name, _cancellationToken), _routine.Name, message);

    private T? Number<T>(string name)
        where T : struct =>
        AttributeArguments.Named(_attribute, name)?.Value is T value ? value : null;

    private static bool DerivesFrom(ITypeSymbol type, INamedTypeSymbol baseType)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, baseType))
            {
                return true;
            }
        }

        return false;
    }
}
