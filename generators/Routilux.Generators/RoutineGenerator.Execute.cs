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
    /// <summary>
    /// Reduces a [Routine] type to its spec, or, when it is refused (the analyzers report why), to a placeholder and
    /// the diagnostics only the generator can report (Parsing/GeneratorDiagnostics.cs).
    /// </summary>
    private static ParsedRoutine ParseRoutine(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || context.Attributes.Length != 1)
        {
            return ParsedRoutine.Nothing;
        }

        if (GeneratorDiagnostics.LanguageVersionBelowFloor(context.TargetNode.SyntaxTree) is { } version)
        {
            var diagnostic = GeneratorDiagnostics.LanguageVersionTooLow(type, version);
            return new ParsedRoutine(
                null,
                PlaceholderParser.Parse(type, stubsOnly: true, cancellationToken),
                diagnostic is null ? EquatableArray<DiagnosticInfo>.Empty : new EquatableArray<DiagnosticInfo>(new[] { diagnostic }));
        }

        if (RoutineParser.Parse(type, context.Attributes[0], cancellationToken) is { } routine)
        {
            return new ParsedRoutine(routine, null, EquatableArray<DiagnosticInfo>.Empty);
        }

        return new ParsedRoutine(
            null,
            PlaceholderParser.Parse(type, stubsOnly: false, cancellationToken),
            new EquatableArray<DiagnosticInfo>(GeneratorDiagnostics.NotPartial(type, cancellationToken)));
    }

    private static void EmitRoutine(SourceProductionContext context, RoutineSpec routine) =>
        context.AddSource(routine.HintName, RoutineEmitter.Emit(routine, context.CancellationToken));

    private static void EmitRefused(SourceProductionContext context, ParsedRoutine parse)
    {
        foreach (var diagnostic in parse.Diagnostics)
        {
            context.ReportDiagnostic(diagnostic.ToDiagnostic());
        }

        if (parse.Placeholder is { } placeholder)
        {
            context.AddSource(placeholder.HintName, PlaceholderEmitter.Emit(placeholder, context.CancellationToken));
        }
    }

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
