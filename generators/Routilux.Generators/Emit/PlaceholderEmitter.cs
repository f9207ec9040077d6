using System.Threading;
using Routilux.Generators.Model;

namespace Routilux.Generators.Emit;

/// <summary>
/// Writes the placeholder of a refused routine (see <see cref="PlaceholderSpec"/>): the partial type with its
/// missing partial members, a throwing IRoutineDefinition and the port methods. Everything throws one exception that
/// says why; a build that has the RTLX error never runs it, and one whose errors were lowered by configuration
/// fails at the first use with that message instead of misbehaving.
/// </summary>
internal static class PlaceholderEmitter
{
    public static string Emit(PlaceholderSpec placeholder, CancellationToken cancellationToken)
    {
        var writer = new SourceWriter();
        GeneratedCode.WriteHeader(writer);
        writer.Line("// Routilux did not generate this routine: its declaration has errors (the RTLX diagnostics say which).");
        writer.Line("// This part only keeps the rest of the compilation quiet so those diagnostics are what the build shows.");
        writer.Line("#pragma warning disable CS0612, CS0618 // the routine's own [Obsolete] members are reported where the user uses them, not here");
        writer.Line();

        GeneratedCode.WriteInPlace(
            writer,
            placeholder.Namespace,
            placeholder.ContainingTypes,
            part => WriteType(part, placeholder, cancellationToken),
            placeholder.Ports is { } ports ? beside => PortsEmitter.Write(beside, ports, cancellationToken) : null);
        return writer.ToString();
    }

    private static void WriteType(SourceWriter writer, PlaceholderSpec placeholder, CancellationToken cancellationToken)
    {
        var self = placeholder.FullyQualifiedName;
        var declaration = "partial " + placeholder.Type.Keyword + " " + RoutineEmitter.TypeDeclarationName(placeholder.Type.Name, placeholder.Type.TypeParameters);
        writer.Open(placeholder.ImplementsDefinition ? declaration + " : global::Routilux.IRoutineDefinition<" + self + ">" : declaration);

        var failure = "throw new global::System.InvalidOperationException(" + GeneratedCode.Literal(
            "Routine '" + placeholder.DisplayName + "' was not generated because its declaration has errors; "
            + "fix the RTLX errors the build reports for it and rebuild.") + ");";
        var first = true;
        if (placeholder.ImplementsDefinition)
        {
            Member(writer, ref first, "static global::Routilux.RoutineDescriptor global::Routilux.IRoutineDefinition<" + self + ">.Descriptor => " + failure);
            Member(writer, ref first, "void global::Routilux.IRoutine.Attach(global::Routilux.Execution.RoutineCell cell) => " + failure);
            Member(writer, ref first, "global::System.Threading.Tasks.ValueTask global::Routilux.IRoutine.Invoke(int slot, global::Routilux.Execution.RoutineCell cell) => " + failure);
        }

        foreach (var member in placeholder.Members)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member.IsDefinition)
            {
                // No [GeneratedCode] here: attributes of partial parts merge, and the analyzers tell the generator's
                // [Emits] bodies from the user's by that attribute; on this part it would hide the user's body.
                Member(writer, ref first, member.Signature + ";", generatedCodeAttribute: false);
            }
            else
            {
                // A block body suits every signature: out parameters, ref returns and void alike.
                Member(writer, ref first, member.Signature);
                writer.Open().Line(failure).Close();
            }
        }

        writer.Close();
    }

    private static void Member(SourceWriter writer, ref bool first, string line, bool generatedCodeAttribute = true)
    {
        if (!first)
        {
            writer.Line();
        }

        first = false;
        if (generatedCodeAttribute)
        {
            writer.Line(GeneratedCode.Attribute);
        }

        writer.Line(line);
    }
}
