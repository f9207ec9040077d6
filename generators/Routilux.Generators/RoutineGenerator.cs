using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Routilux.Generators.Model;
using Routilux.Generators.Parsing;

namespace Routilux.Generators;

/// <summary>
/// The Routilux source generator: for every [Routine] partial class it writes the descriptor, the slot dispatch,
/// the [Emits] bodies and the typed port extension methods, and one catalog module initializer per assembly.
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
        var routines = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypes.RoutineAttribute,
                predicate: static (node, _) => node is ClassDeclarationSyntax,
                transform: static (context, cancellationToken) => ParseRoutine(context, cancellationToken))
            .WithTrackingName(TrackingNames.RoutineSpecs)
            .Where(static routine => routine is not null)
            .Select(static (routine, _) => routine!)
            .WithTrackingName(TrackingNames.ValidRoutines);

        context.RegisterSourceOutput(routines, static (context, routine) => EmitRoutine(context, routine));

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
