using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Routilux.Generators.Model;
using Routilux.Generators.Parsing;

namespace Routilux.Generators.Emit;

/// <summary>
/// Writes the static class of typed port extension methods (<c>handle.Text()</c>, <c>handle.Word()</c>) that make
/// FlowBuilder.Connect a compile-time type check. Extension methods must live in a top-level non-generic static
/// class, so it sits beside the routine in its namespace; for a generic routine the methods are generic instead.
/// A port whose payload type is private to the routine is left out: nothing outside could name its type.
/// It is partial so that nested routines whose joined names coincide ("A.BC" and "AB.C") share it harmlessly.
/// </summary>
internal static class PortsEmitter
{
    public static void Write(SourceWriter writer, RoutineSpec routine, CancellationToken cancellationToken)
    {
        var accessibility = routine.Visibility == Visibility.Public ? "public" : "internal";
        var crefName = GeneratedCode.Cref(routine.FullyQualifiedName);
        writer.Line("/// <summary>Typed ports of <see cref=\"" + crefName + "\"/> for wiring flows.</summary>");
        writer.Line(GeneratedCode.Attribute);
        writer.Open(accessibility + " static partial class " + routine.PortsClassName);

        var typeParameters = TypeParameterList(routine);
        var first = true;
        foreach (var slot in routine.Slots)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (slot.PayloadVisibility != Visibility.Hidden)
            {
                WriteSeparator(writer, ref first);
                var owner = slot.IsJoin ? "the join '" + slot.MethodName + "'" : "the routine";
                WritePort(writer, routine, typeParameters, isSlot: true, Description("slot", slot.Name, owner, slot.Summary), slot.PayloadVisibility, slot.PortMethodName, slot.PayloadType, slot.Index);
            }
        }

        foreach (var @event in routine.Events)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (@event.PayloadVisibility != Visibility.Hidden)
            {
                WriteSeparator(writer, ref first);
                WritePort(writer, routine, typeParameters, isSlot: false, Description("event", @event.Name, "the routine", @event.Summary), @event.PayloadVisibility, @event.MethodName, @event.PayloadType, @event.Index);
            }
        }

        writer.Close();
    }

    private static void WritePort(
        SourceWriter writer,
        RoutineSpec routine,
        string typeParameters,
        bool isSlot,
        string description,
        Visibility payloadVisibility,
        string methodName,
        string payloadType,
        int index)
    {
        writer.Line("/// <summary>" + GeneratedCode.XmlText(description) + "</summary>");
        foreach (var parameter in routine.AllTypeParameters)
        {
            writer.Line("/// <typeparam name=\"" + parameter.Name + "\">The routine's type argument.</typeparam>");
        }

        writer.Line("/// <param name=\"routine\">The routine, as added to a flow.</param>");
        writer.Line("/// <returns>The typed port, for FlowBuilder.Connect or FlowBuilder.Entry.</returns>");
        writer.Line(GeneratedCode.Attribute);

        var port = (isSlot ? "global::Routilux.SlotPort<" : "global::Routilux.EventPort<") + payloadType + ">";
        var getter = isSlot ? "GetSlotPort" : "GetEventPort";

        // A public routine may take an internal payload type: that one port is internal (CS0050 otherwise).
        var accessibility = VisibilityRules.Narrowest(routine.Visibility, payloadVisibility) == Visibility.Public ? "public" : "internal";
        var body = "routine." + getter + "<" + payloadType + ">(" + index.ToString(CultureInfo.InvariantCulture) + ");";
        var signature = accessibility + " static " + port + " " + SymbolNames.Escape(methodName) + typeParameters
            + "(this global::Routilux.RoutineHandle<" + routine.FullyQualifiedName + "> routine)";

        var constraints = Constraints(routine);
        if (constraints.Count == 0)
        {
            writer.Line(signature + " => " + body);
            return;
        }

        writer.Line(signature);
        writer.Indent();
        foreach (var constraint in constraints)
        {
            writer.Line(constraint);
        }

        writer.Line("=> " + body);
        writer.Unindent();
    }

    /// <summary>"The slot 'Order' of the join 'Match': summary", or "... of the routine." without a summary.</summary>
    private static string Description(string kind, string name, string owner, string summary) =>
        "The " + kind + " '" + name + "' of " + owner + (summary.Length > 0 ? ": " + summary : ".");

    private static void WriteSeparator(SourceWriter writer, ref bool first)
    {
        if (!first)
        {
            writer.Line();
        }

        first = false;
    }

    /// <summary>"&lt;T, U&gt;" from the routine's (and its enclosing types') type parameters, or empty.</summary>
    private static string TypeParameterList(RoutineSpec routine)
    {
        if (!routine.IsGeneric)
        {
            return string.Empty;
        }

        var names = new List<string>(routine.AllTypeParameters.Count);
        foreach (var parameter in routine.AllTypeParameters)
        {
            names.Add(SymbolNames.Escape(parameter.Name));
        }

        return "<" + string.Join(", ", names) + ">";
    }

    /// <summary>The routine's constraints copied onto the method, which must satisfy them to name the routine type.</summary>
    private static List<string> Constraints(RoutineSpec routine)
    {
        var clauses = new List<string>();
        foreach (var parameter in routine.AllTypeParameters)
        {
            if (parameter.Constraints.Length > 0)
            {
                clauses.Add("where " + SymbolNames.Escape(parameter.Name) + " : " + parameter.Constraints);
            }
        }

        return clauses;
    }
}
