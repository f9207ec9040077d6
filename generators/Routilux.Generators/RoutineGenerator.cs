using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Routilux.Generators.Model;
using Routilux.Generators.Parsing;

namespace Routilux.Generators;

/// <summary>
/// The Routilux source generator: for every [Routine] partial class it writes the descriptor, the slot dispatch,
/// the [Emits] bodies and the typed port extension methods, and one catalog module initializer per assembly. For a
/// class it refuses it writes a placeholder instead (see Model/PlaceholderSpec.cs).
/// The pipeline is declared here; what each step does is in RoutineGenerator.Execute.cs.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class RoutineGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Syntax-only predicate; the transform reduces each class to a value-equatable spec, so a routine whose
        // relevant shape did not change is not emitted again.
        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypes.RoutineAttribute,
                predicate: static (node, _) => node is TypeDeclarationSyntax,
                transform: static (context, cancellationToken) => ParseRoutine(context, cancellationToken))
            .WithTrackingName(TrackingNames.RoutineSpecs);

        var routines = parsed
            .Where(static parse => parse.Routine is not null)
            .Select(static (parse, _) => parse.Routine!)
            .WithTrackingName(TrackingNames.ValidRoutines);

        context.RegisterSourceOutput(routines, static (context, routine) => EmitRoutine(context, routine));

        // A refused routine still gets a placeholder part, so the build shows the RTLX error rather than the compiler
        // errors of a missing part; and the generator reports the few diagnostics the analyzers never get to.
        var refused = parsed
            .Where(static parse => parse.Routine is null && (parse.Placeholder is not null || !parse.Diagnostics.IsEmpty))
            .WithTrackingName(TrackingNames.RefusedRoutines);

        context.RegisterSourceOutput(refused, static (context, parse) => EmitRefused(context, parse));

        var catalogTypes = routines
            .Where(static routine => routine.IsCatalogued)
            .Select(static (routine, _) => routine.FullyQualifiedName)
            .Collect()
            .Select(static (types, _) => SortedTypes(types))
            .WithTrackingName(TrackingNames.CatalogTypes);

        var assemblyName = context.CompilationProvider
            .Select(static (compilation, _) => compilation.AssemblyName ?? string.Empty)
            .WithTrackingName(TrackingNames.AssemblyName);

        var catalog = catalogTypes
            .Combine(assemblyName)
            .Select(static (pair, _) => new CatalogSpec(pair.Right, pair.Left))
            .WithTrackingName(TrackingNames.Catalog);

        context.RegisterSourceOutput(catalog, static (context, spec) => EmitCatalog(context, spec));
    }
}
