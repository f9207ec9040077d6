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
    /// <summary>A generated routine's ports: its slots, then its events, each in declaration order.</summary>
    public static PortsSpec ForRoutine(RoutineSpec routine)
    {
        var ports = new List<PortSpec>(routine.Slots.Count + routine.Events.Count);
        foreach (var slot in routine.Slots)
        {
            var owner = slot.IsJoin ? "the join '" + slot.MethodName + "'" : "the routine";
            ports.Add(new PortSpec(slot.PortMethodName, IsSlot: true, slot.PayloadType, slot.PayloadVisibility, slot.Index, Description("slot", slot.Name, owner, slot.Summary)));
        }

        foreach (var @event in routine.Events)
        {
            ports.Add(new PortSpec(@event.MethodName, IsSlot: false, @event.PayloadType, @event.PayloadVisibility, @event.Index, Description("event", @event.Name, "the routine", @event.Summary)));
        }

        return new PortsSpec(routine.PortsClassName, routine.FullyQualifiedName, routine.Visibility, routine.AllTypeParameters, new EquatableArray<PortSpec>(ports.ToArray()));
    }

    public static void Write(SourceWriter writer, PortsSpec ports, CancellationToken cancellationToken)
    {
        var accessibility = ports.RoutineVisibility == Visibility.Public ? "public" : "internal";
        var crefName = GeneratedCode.Cref(ports.RoutineType);
        writer.Line("/// <summary>Typed ports of <see cref=\"" + crefName + "\"/> for wiring flows.</summary>");
        writer.Line(GeneratedCode.Attribute);
        writer.Open(accessibility + " static partial class " + ports.ClassName);

        var typeParameters = TypeParameterList(ports.TypeParameters);
        var constraints = Constraints(ports.TypeParameters);
        var first = true;
        foreach (var port in ports.Ports)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (port.PayloadVisibility != Visibility.Hidden)
            {
                WriteSeparator(writer, ref first);
                WritePort(writer, ports, port, typeParameters, constraints);
            }
        }

        writer.Close();
    }

    private static void WritePort(SourceWriter writer, PortsSpec ports, PortSpec port, string typeParameters, List<string> constraints)
    {
        writer.Line("/// <summary>" + GeneratedCode.XmlText(port.Description) + "</summary>");
        foreach (var parameter in ports.TypeParameters)
        {
            writer.Line("/// <typeparam name=\"" + parameter.Name + "\">The routine's type argument.</typeparam>");
        }

        writer.Line("/// <param name=\"routine\">The routine, as added to a flow.</param>");
        writer.Line("/// <returns>The typed port, for FlowBuilder.Connect or FlowBuilder.Entry.</returns>");
        writer.Line(GeneratedCode.Attribute);

        var portType = (port.IsSlot ? "global::Routilux.SlotPort<" : "global::Routilux.EventPort<") + port.PayloadType + ">";
        var getter = port.IsSlot ? "GetSlotPort" : "GetEventPort";

        // A public routine may take an internal payload type: that one port is internal (CS0050 otherwise).
        var accessibility = VisibilityRules.Narrowest(ports.RoutineVisibility, port.PayloadVisibility) == Visibility.Public ? "public" : "internal";
        var body = "routine." + getter + "<" + port.PayloadType + ">(" + port.Index.ToString(CultureInfo.InvariantCulture) + ");";
        var signature = accessibility + " static " + portType + " " + SymbolNames.Escape(port.MethodName) + typeParameters
            + "(this global::Routilux.RoutineHandle<" + ports.RoutineType + "> routine)";

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
    private static string TypeParameterList(EquatableArray<TypeParameterSpec> parameters)
    {
        if (parameters.IsEmpty)
        {
            return string.Empty;
        }

        var names = new List<string>(parameters.Count);
        foreach (var parameter in parameters)
        {
            names.Add(SymbolNames.Escape(parameter.Name));
        }

        return "<" + string.Join(", ", names) + ">";
    }

    /// <summary>The routine's constraints copied onto the method, which must satisfy them to name the routine type.</summary>
    private static List<string> Constraints(EquatableArray<TypeParameterSpec> parameters)
    {
        var clauses = new List<string>();
        foreach (var parameter in parameters)
        {
            if (parameter.Constraints.Length > 0)
            {
                clauses.Add("where " + SymbolNames.Escape(parameter.Name) + " : " + parameter.Constraints);
            }
        }

        return clauses;
    }
}
