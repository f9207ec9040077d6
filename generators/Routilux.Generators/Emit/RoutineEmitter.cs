using System.Threading;
using Routilux.Generators.Model;
using Routilux.Generators.Parsing;

namespace Routilux.Generators.Emit;

/// <summary>
/// Writes a routine's generated file: the partial class (descriptor, attach, dispatch, emit bodies) inside its
/// namespace and enclosing types, then the static class of typed port extension methods.
/// </summary>
internal static class RoutineEmitter
{
    public static string Emit(RoutineSpec routine, CancellationToken cancellationToken)
    {
        var writer = new SourceWriter();
        GeneratedCode.WriteHeader(writer);

        // Dispatch calls the routine's own members and names its types; one the user marked [Obsolete] is
        // reported where the user declares and uses it, not here where the user cannot change anything.
        writer.Line("#pragma warning disable CS0612, CS0618 // the routine's own [Obsolete] members are reported where the user uses them, not here");
        writer.Line();

        GeneratedCode.WriteInPlace(
            writer,
            routine.Namespace,
            routine.ContainingTypes,
            part => WriteRoutineClass(part, routine, cancellationToken),
            routine.Visibility == Visibility.Hidden ? null : ports => PortsEmitter.Write(ports, PortsEmitter.ForRoutine(routine), cancellationToken));
        return writer.ToString();
    }

    private static void WriteRoutineClass(SourceWriter writer, RoutineSpec routine, CancellationToken cancellationToken)
    {
        var self = routine.FullyQualifiedName;
        writer.Open(
            "partial class " + TypeDeclarationName(routine.TypeName, routine.TypeParameters)
            + " : global::Routilux.IRoutineDefinition<" + self + ">");

        // Without events nothing would read the cell, and an assigned-but-unread field is warning CS0414.
        var hasEvents = !routine.Events.IsEmpty;
        if (hasEvents)
        {
            writer.Line(GeneratedCode.Attribute);
            writer.Line("private global::Routilux.Execution.RoutineCell? __routiluxCell;");
            writer.Line();
        }

        DescriptorEmitter.Write(writer, routine, cancellationToken);
        writer.Line();

        writer.Line(GeneratedCode.Attribute);
        writer.Line("static global::Routilux.RoutineDescriptor global::Routilux.IRoutineDefinition<" + self + ">.Descriptor => __routiluxDescriptor;");
        writer.Line();

        writer.Line(GeneratedCode.Attribute);
        writer.Line(hasEvents
            ? "void global::Routilux.IRoutine.Attach(global::Routilux.Execution.RoutineCell cell) => this.__routiluxCell = cell;"
            : "void global::Routilux.IRoutine.Attach(global::Routilux.Execution.RoutineCell cell)");
        if (!hasEvents)
        {
            writer.Open().Close();
        }

        writer.Line();
        DispatchEmitter.Write(writer, routine, cancellationToken);

        foreach (var @event in routine.Events)
        {
            cancellationToken.ThrowIfCancellationRequested();
            writer.Line();
            EventBodyEmitter.Write(writer, routine, @event);
        }

        if (SerializerEmitter.HasAny(routine))
        {
            writer.Line();
            SerializerEmitter.Write(writer, routine, cancellationToken);
        }

        writer.Close();
    }

    /// <summary>"Name" or "Name&lt;T1, T2&gt;", with keywords escaped, as in a type declaration.</summary>
    public static string TypeDeclarationName(string name, EquatableArray<string> typeParameters)
    {
        if (typeParameters.IsEmpty)
        {
            return SymbolNames.Escape(name);
        }

        var names = new string[typeParameters.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = SymbolNames.Escape(typeParameters[i]);
        }

        return SymbolNames.Escape(name) + "<" + string.Join(", ", names) + ">";
    }
}
