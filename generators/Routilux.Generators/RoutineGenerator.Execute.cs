using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Routilux.Generators.Emit;
using Routilux.Generators.Model;
using Routilux.Generators.Parsing;

namespace Routilux.Generators;

/// <summary>The work behind each pipeline step declared in <see cref="Initialize"/>.</summary>
public sealed partial class RoutineGenerator
{
    /// <summary>Reduces a [Routine] class to its spec; null when it is invalid (the analyzers report why).</summary>
    private static RoutineSpec? ParseRoutine(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
        context.TargetSymbol is INamedTypeSymbol type && context.Attributes.Length == 1
            ? RoutineParser.Parse(type, context.Attributes[0], cancellationToken)
            : null;

    private static void EmitRoutine(SourceProductionContext context, RoutineSpec routine) =>
        context.AddSource(routine.HintName, RoutineEmitter.Emit(routine, context.CancellationToken));

    private static void EmitCatalog(SourceProductionContext context, CatalogSpec catalog)
    {
        // An assembly without catalogued routines gets no module initializer at all.
        if (!catalog.RoutineTypes.IsEmpty)
        {
            context.AddSource("RoutiluxCatalog.g.cs", CatalogEmitter.Emit(catalog, context.CancellationToken));
        }
    }

    /// <summary>Ordinal order, so the catalog does not change with the order files reach the compiler.</summary>
    private static EquatableArray<string> SortedTypes(ImmutableArray<string> types)
    {
        var sorted = types.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        return new EquatableArray<string>(sorted);
    }
}
