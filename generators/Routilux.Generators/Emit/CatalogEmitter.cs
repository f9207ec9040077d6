using System.Text;
using System.Threading;
using Routilux.Generators.Model;

namespace Routilux.Generators.Emit;

/// <summary>
/// Writes the assembly's catalog registration: a module initializer that registers every non-generic, accessible
/// routine with RoutineCatalog when the assembly loads, so hosts find routines by name without reflection.
/// </summary>
internal static class CatalogEmitter
{
    public static string Emit(CatalogSpec catalog, CancellationToken cancellationToken)
    {
        var writer = new SourceWriter();
        GeneratedCode.WriteHeader(writer);
        writer.Line();
        writer.Open("namespace Routilux.Generated");

        // One class per assembly name: assemblies that see each other's internals must not get two of the same.
        writer.Line("/// <summary>Registers the routines of this assembly in the routine catalog when it loads.</summary>");
        writer.Line(GeneratedCode.Attribute);
        writer.Open("internal static class RoutiluxCatalog_" + Sanitize(catalog.AssemblyName));
        writer.Line("#pragma warning disable CA2255 // module initializers in libraries are how the catalog is filled without reflection");
        writer.Line("/// <summary>Registers every routine type of this assembly.</summary>");
        writer.Line("[global::System.Runtime.CompilerServices.ModuleInitializer]");
        writer.Line(GeneratedCode.Attribute);
        writer.Open("internal static void Register()");
        foreach (var type in catalog.RoutineTypes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            writer.Line("global::Routilux.RoutineCatalog.Register<" + type + ">();");
        }

        writer.Close();
        writer.Line("#pragma warning restore CA2255");
        writer.Close();
        writer.Close();
        return writer.ToString();
    }

    /// <summary>The assembly name as an identifier: anything but letters, digits and '_' becomes '_'.</summary>
    private static string Sanitize(string assemblyName)
    {
        var builder = new StringBuilder(assemblyName.Length);
        foreach (var c in assemblyName)
        {
            builder.Append(char.IsLetterOrDigit(c) || c == '_' ? c : '_');
        }

        return builder.Length == 0 ? "Assembly" : builder.ToString();
    }
}
