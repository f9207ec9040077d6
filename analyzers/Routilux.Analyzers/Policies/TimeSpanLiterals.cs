using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Routilux.Analyzers.Policies;

/// <summary>
/// Reads the sign of a TimeSpan written with literals: <c>TimeSpan.Zero</c>, <c>default</c>,
/// <c>TimeSpan.FromMilliseconds(-5)</c> (any From* with one constant argument) or <c>new TimeSpan(ticks)</c>.
/// Anything else is unknown, and unknown is never reported.
/// </summary>
internal static class TimeSpanLiterals
{
    /// <summary>-1, 0 or 1 for a TimeSpan known from literals; null when it is not known.</summary>
    public static int? Sign(IOperation? operation)
    {
        operation = Unwrap(operation);
        if (operation is null || !IsTimeSpan(operation.Type))
        {
            return null;
        }

        switch (operation)
        {
            case IFieldReferenceOperation { Field: { IsStatic: true, Name: "Zero" } }:
            case IDefaultValueOperation:
                return 0;
            case IInvocationOperation { TargetMethod: { IsStatic: true } method } invocation
                when IsTimeSpan(method.ContainingType) && method.Name.StartsWith("From", StringComparison.Ordinal):
                return OnlyConstantArgument(invocation.Arguments);
            case IObjectCreationOperation creation when creation.Arguments.Length == 1:
                return OnlyConstantArgument(creation.Arguments);
            default:
                return null;
        }
    }

    /// <summary>The sign of the one explicitly written argument when it is a numeric constant (later arguments left at their defaults).</summary>
    private static int? OnlyConstantArgument(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments)
    {
        int? sign = null;
        foreach (var argument in arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.DefaultValue)
            {
                continue;
            }

            if (sign is not null || !argument.Value.ConstantValue.HasValue || argument.Value.ConstantValue.Value is not { } value)
            {
                return null;
            }

            sign = value switch
            {
                double d when !double.IsNaN(d) => Math.Sign(d),
                float f when !float.IsNaN(f) => Math.Sign(f),
                int i => Math.Sign(i),
                long l => Math.Sign(l),
                _ => null,
            };
        }

        return sign;
    }

    private static IOperation? Unwrap(IOperation? operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    private static bool IsTimeSpan(ITypeSymbol? type) =>
        type is INamedTypeSymbol { Name: "TimeSpan", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };
}
