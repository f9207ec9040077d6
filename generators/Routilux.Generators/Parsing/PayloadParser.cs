using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis;
using Routilux.Generators.Model;

namespace Routilux.Generators.Parsing;

/// <summary>
/// Reads a handler's parameters and works out its payload type: the parameters other than CancellationToken and
/// RoutineContext (those are supplied by the runtime, at any position); none is Routilux.Unit, one is its own
/// type, several are a tuple named after the parameters.
/// </summary>
internal static class PayloadParser
{
    public const string UnitType = "global::Routilux.Unit";

    // Tuple element names the language forbids, because ValueTuple already has members of these names (CS8126).
    private static readonly HashSet<string> ForbiddenTupleNames = new(StringComparer.Ordinal)
    {
        "CompareTo", "Deconstruct", "Equals", "GetHashCode", "Rest", "ToString",
    };

    /// <summary>
    /// The parameters of a handler, or null when one cannot be carried in a message; each such parameter is recorded
    /// as a problem of <paramref name="kind"/> (the method, why).
    /// </summary>
    public static EquatableArray<ParameterSpec>? Parameters(IMethodSymbol method, ParseProblems? problems = null, ProblemKind kind = ProblemKind.SlotSignature)
    {
        var parameters = new ParameterSpec[method.Parameters.Length];
        var valid = true;
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = method.Parameters[i];
            var type = parameter.Type;

            // ref and out cannot be fed from a queued value; ref structs and pointers cannot be generic arguments.
            if (Unsupported(parameter) is { } why)
            {
                valid = problems.Refuse(kind, parameter, method.Name, "parameter '" + parameter.Name + "' " + why);
                continue;
            }

            var role = KnownTypes.IsCancellationToken(type) ? ParameterRole.CancellationToken
                : KnownTypes.IsRoutineContext(type) ? ParameterRole.Context
                : ParameterRole.Payload;
            parameters[i] = new ParameterSpec(
                parameter.Name,
                SymbolNames.Type(type),
                role,
                parameter.RefKind == RefKind.In ? "in " : string.Empty,
                parameter.IsParams);
        }

        return valid ? new EquatableArray<ParameterSpec>(parameters) : null;
    }

    private static string? Unsupported(IParameterSymbol parameter) =>
        parameter.RefKind is RefKind.Ref or RefKind.RefReadOnlyParameter ? "is passed by ref, and a message cannot be"
        : parameter.RefKind == RefKind.Out ? "is an out parameter, and a message cannot fill it"
        : parameter.RefKind != RefKind.None && parameter.RefKind != RefKind.In ? "has an unsupported ref kind"
        : parameter.Type.IsRefLikeType ? "is a ref struct ('" + parameter.Type.Name + "'), which cannot be queued"
        : parameter.Type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer ? "is a pointer, which cannot be queued"
        : null;

    /// <summary>The narrowest visibility of the payload parameters' types.</summary>
    public static Visibility PayloadVisibility(IMethodSymbol method)
    {
        var visibility = Visibility.Public;
        foreach (var parameter in method.Parameters)
        {
            if (!KnownTypes.IsCancellationToken(parameter.Type) && !KnownTypes.IsRoutineContext(parameter.Type))
            {
                visibility = VisibilityRules.Narrowest(visibility, VisibilityRules.OfType(parameter.Type));
            }
        }

        return visibility;
    }

    /// <summary>The payload type of a handler with these parameters.</summary>
    public static string PayloadType(EquatableArray<ParameterSpec> parameters)
    {
        var payload = Payload(parameters);
        if (payload.Count == 0)
        {
            return UnitType;
        }

        if (payload.Count == 1)
        {
            return payload[0].Type;
        }

        var tuple = new StringBuilder("(");
        for (var i = 0; i < payload.Count; i++)
        {
            if (i > 0)
            {
                tuple.Append(", ");
            }

            tuple.Append(payload[i].Type);
            if (IsAllowedTupleName(payload[i].Name, i))
            {
                tuple.Append(' ').Append(SymbolNames.Escape(payload[i].Name));
            }
        }

        return tuple.Append(')').ToString();
    }

    /// <summary>The payload parameters, in order.</summary>
    public static List<ParameterSpec> Payload(EquatableArray<ParameterSpec> parameters)
    {
        var payload = new List<ParameterSpec>(parameters.Count);
        foreach (var parameter in parameters)
        {
            if (parameter.Role == ParameterRole.Payload)
            {
                payload.Add(parameter);
            }
        }

        return payload;
    }

    /// <summary>A parameter name that cannot name a tuple element leaves the element unnamed (ItemN still works).</summary>
    private static bool IsAllowedTupleName(string name, int position)
    {
        if (ForbiddenTupleNames.Contains(name))
        {
            return false;
        }

        // "Item2" may only name the second element (CS8125).
        return !name.StartsWith("Item", StringComparison.Ordinal)
            || !int.TryParse(name.Substring(4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            || number == position + 1;
    }
}
