using System.Collections.Generic;
using System.Globalization;
using Routilux.Generators.Model;
using Routilux.Generators.Parsing;

namespace Routilux.Generators.Emit;

/// <summary>
/// Writes the implementation of an [Emits] partial method: it hands the payload to the routine's cell, which
/// queues it in the outbox (void) or queues it and flushes, awaiting queue capacity (ValueTask).
/// </summary>
internal static class EventBodyEmitter
{
    public static void Write(SourceWriter writer, RoutineSpec routine, EventSpec @event)
    {
        var returnType = @event.IsAsync ? "global::System.Threading.Tasks.ValueTask" : "void";
        var modifiers = @event.Modifiers.Length > 0 ? @event.Modifiers + " " : string.Empty;
        writer.Line(GeneratedCode.Attribute);
        writer.Line(modifiers + "partial " + returnType + " " + SymbolNames.Escape(@event.MethodName) + "(" + Signature(@event.Parameters) + ") =>");
        writer.Indent();
        writer.Line(
            "global::Routilux.Execution.RoutineCell.EnsureAttached(this.__routiluxCell, "
            + GeneratedCode.Literal(routine.DisplayName) + ", " + GeneratedCode.Literal(@event.MethodName) + ")"
            + (@event.IsAsync ? ".EmitAsync<" : ".Emit<") + @event.PayloadType + ">("
            + @event.Index.ToString(CultureInfo.InvariantCulture) + ", " + PayloadExpression(@event.Parameters) + ");");
        writer.Unindent();
    }

    /// <summary>The parameter list repeated from the declaration (a partial implementation must match it).</summary>
    private static string Signature(EquatableArray<ParameterSpec> parameters)
    {
        var parts = new string[parameters.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            var parameter = parameters[i];
            parts[i] = (parameter.IsParams ? "params " : string.Empty) + parameter.Modifier + parameter.Type + " " + SymbolNames.Escape(parameter.Name);
        }

        return string.Join(", ", parts);
    }

    /// <summary>default (Unit) for no payload, the parameter for one, a tuple literal for several.</summary>
    private static string PayloadExpression(EquatableArray<ParameterSpec> parameters)
    {
        var payload = PayloadParser.Payload(parameters);
        if (payload.Count == 0)
        {
            return "default";
        }

        var names = new List<string>(payload.Count);
        foreach (var parameter in payload)
        {
            names.Add(SymbolNames.Escape(parameter.Name));
        }

        return payload.Count == 1 ? names[0] : "(" + string.Join(", ", names) + ")";
    }
}
