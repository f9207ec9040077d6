using System.Globalization;
using Routilux.Generators.Model;
using Routilux.Generators.Parsing;

namespace Routilux.Generators.Emit;

/// <summary>
/// Renders a slot's activation as the ActivationPolicy expression its descriptor is created with. Numbers go out as
/// written; the runtime checks them when the flow is built and names the routine and slot in its message.
/// </summary>
internal static class ActivationExpression
{
    private const string Policy = "global::Routilux.ActivationPolicy";

    /// <summary>The expression, or null for Immediate, which is the descriptor's default and left out.</summary>
    public static string? Of(ActivationSpec activation, string routineType) => activation.Mode switch
    {
        // A maximum wait of 0 (or none) means "until the job has nothing else to do", which the runtime spells null.
        ActivationMode.Batch => Policy + ".Batch(" + activation.BatchSize.ToString(CultureInfo.InvariantCulture) + ", "
            + (activation.Milliseconds == 0 ? "null" : Duration(activation.Milliseconds)) + ")",
        ActivationMode.Interval => Policy + ".Interval(" + Duration(activation.Milliseconds) + ")",
        ActivationMode.Custom => Policy + ".Custom<" + routineType + ">(static (routine, state) => "
            + (activation.PredicateIsStatic ? routineType : "routine") + "." + SymbolNames.Escape(activation.Predicate) + "(state))",
        ActivationMode.AllSlotsReady => Policy + ".AllSlotsReady",
        _ => null,
    };

    /// <summary>"global::System.TimeSpan.FromMilliseconds(200)", with the number in its shortest round-trip form.</summary>
    private static string Duration(double milliseconds) =>
        "global::System.TimeSpan.FromMilliseconds(" + Number(milliseconds) + ")";

    private static string Number(double value) => value switch
    {
        double.NaN => "double.NaN",
        double.PositiveInfinity => "double.PositiveInfinity",
        double.NegativeInfinity => "double.NegativeInfinity",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };
}
