using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Routilux.Generators.Model;

namespace Routilux.Generators.Parsing;

/// <summary>
/// Reads a [Join] method into its slots: one per payload parameter, in parameter order, with consecutive indices
/// from the method's position among the routine's slots. Returns null for a method that cannot be a join (fewer
/// than two payload parameters, or a shape no slot may have); the analyzers say why.
/// </summary>
internal static class JoinParser
{
    public static List<SlotSpec>? Slots(IMethodSymbol method, AttributeData attribute, int firstIndex, CancellationToken cancellationToken, ParseProblems? problems = null)
    {
        var valid = true;
        var capacity = KnownTypes.NamedArgument(attribute, "Capacity", 0);
        if (capacity < 0)
        {
            valid = problems.Refuse(ProblemKind.NegativeCapacity, attribute, method, method.Name, capacity.ToString(CultureInfo.InvariantCulture));
        }

        var returnKind = HandlerParser.ReturnKind(method, problems);
        var parameters = PayloadParser.Parameters(method, problems, ProblemKind.SlotSignature);
        if (parameters is { } declared && PayloadParser.Payload(declared).Count is var count and < 2)
        {
            valid = problems.Refuse(ProblemKind.JoinTooFewPayloads, method, method.Name, count.ToString(CultureInfo.InvariantCulture));
        }

        if (!valid || returnKind is null || parameters is null)
        {
            return null;
        }

        var summary = DocSummary.Of(method, cancellationToken);
        var optional = KnownTypes.NamedArgument(attribute, "Optional", false);
        var slots = new List<SlotSpec>();
        for (var i = 0; i < parameters.Value.Count; i++)
        {
            var parameter = parameters.Value[i];
            if (parameter.Role != ParameterRole.Payload)
            {
                continue;
            }

            // Broken code can leave a parameter without a name, and a slot needs one.
            if (parameter.Name.Length == 0)
            {
                return null;
            }

            slots.Add(new SlotSpec(
                method.Name,
                SlotName(parameter.Name),
                firstIndex + slots.Count,
                parameters.Value,
                parameter.Type,
                returnKind.Value,
                summary,
                optional,
                capacity,
                WhenFull: string.Empty,
                VisibilityRules.OfType(method.Parameters[i].Type),
                ActivationSpec.AllSlotsReady,
                JoinGroup: firstIndex));
        }

        return slots;
    }

    /// <summary>The parameter name with its first letter upper-cased ("order" gives "Order", "@event" gives "Event").</summary>
    public static string SlotName(string parameterName) =>
        char.ToUpperInvariant(parameterName[0]) + parameterName.Substring(1);
}
