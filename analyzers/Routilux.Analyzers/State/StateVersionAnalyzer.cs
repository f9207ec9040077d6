using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Routilux.Analyzers.Infrastructure;
using Routilux.Generators.Diagnostics;
using Routilux.Generators.Parsing;

namespace Routilux.Analyzers.State;

/// <summary>
/// Checks how a routine's saved state is versioned (RTLX2010-RTLX2019), reading it with the generator's own
/// <see cref="StateParser"/>: the migration chain, the saved names, and, when the project has a
/// RoutiluxState.Shipped.json among its AdditionalFiles, the shape each StateVersion shipped with. The file is read
/// once per compilation; each routine is then a symbol action of its own, so feedback comes as the user types.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class StateVersionAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.MigrationChainGap,
        DiagnosticDescriptors.DuplicateMigration,
        DiagnosticDescriptors.MigrationOutOfRange,
        DiagnosticDescriptors.UnpinnedStateName,
        DiagnosticDescriptors.StateNameCollision,
        DiagnosticDescriptors.ShapeChangedWithoutBump,
        DiagnosticDescriptors.ShapeNotRecorded,
        DiagnosticDescriptors.ShapeChangedCompatibly,
        DiagnosticDescriptors.StateVersionBelowRecorded,
        DiagnosticDescriptors.ShapeFileUnreadable);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var source = ShapeFileSource.Absent;
            AnalyzerGuard.Run((start.Options.AdditionalFiles, start.CancellationToken), input => source = ShapeFileSource.Load(input.AdditionalFiles, input.CancellationToken));
            if (source.Error is not null)
            {
                start.RegisterAdditionalFileAction(fileContext => AnalyzerGuard.Run(fileContext, c => ReportUnreadable(c, source)));
            }

            start.RegisterSymbolAction(symbolContext => AnalyzerGuard.Run(symbolContext, c => AnalyzeType(c, source.File)), SymbolKind.NamedType);
        });
    }

    private static void ReportUnreadable(AdditionalFileAnalysisContext context, ShapeFileSource source)
    {
        if (ShapeFileSource.IsShapeFile(context.AdditionalFile.Path))
        {
            // The location is in the additional file, which the IDE shows like a source location.
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ShapeFileUnreadable, source.ErrorLocation, source.Error));
        }
    }

    private static void AnalyzeType(SymbolAnalysisContext context, ShapeFile? file)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        AttributeData? routineAttribute = null;
        foreach (var attribute in type.GetAttributes())
        {
            if (KnownTypes.IsRoutineAttribute(attribute.AttributeClass))
            {
                routineAttribute = attribute;
                break;
            }
        }

        if (routineAttribute is null)
        {
            return;
        }

        var reporter = new DiagnosticReporter(context.Compilation, context.ReportDiagnostic);
        var state = StateParser.Read(type, routineAttribute, context.CancellationToken);
        var routine = SymbolNames.DisplayName(type);
        MigrationChainChecks.Report(routine, state, reporter);
        var collided = StateNameChecks.ReportCollisions(routine, state, reporter);
        if (file is null || !state.Spec.HasState)
        {
            return;
        }

        if (file.Records(ShapeTypeText.RoutineKey(type)))
        {
            StateNameChecks.ReportUnpinned(routine, state, reporter);
        }

        if (!collided)
        {
            ShapeChecks.Report(type, routine, state, file, RoutineLocation(type, routineAttribute, context.CancellationToken), reporter);
        }
    }

    /// <summary>The identifier of the class declaration that carries [Routine] (a partial class has several).</summary>
    private static Location? RoutineLocation(INamedTypeSymbol type, AttributeData routineAttribute, System.Threading.CancellationToken cancellationToken)
    {
        if (routineAttribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).FirstAncestorOrSelf<TypeDeclarationSyntax>() is { } declaration)
        {
            return declaration.Identifier.GetLocation();
        }

        foreach (var location in type.Locations)
        {
            if (location.IsInSource)
            {
                return location;
            }
        }

        return null;
    }
}
