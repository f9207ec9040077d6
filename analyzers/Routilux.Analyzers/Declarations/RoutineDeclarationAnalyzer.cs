using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Routilux.Generators.Diagnostics;
using Routilux.Analyzers.Infrastructure;
using Routilux.Generators.Parsing;

namespace Routilux.Analyzers.Declarations;

/// <summary>
/// Reports why a [Routine] class cannot be generated (RTLX0001-RTLX0013, RTLX9004) or cannot be saved (RTLX2001-RTLX2003), using the generator's own parser
/// so the two never disagree (except the RTLX0001 that the generator reports itself, see GeneratorDiagnostics); notes routines the catalog cannot create (RTLX0014) and port attributes outside
/// routines (RTLX0015). A symbol action: each class is checked on its own, as the user types.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RoutineDeclarationAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.RoutineNotPartial,
        DiagnosticDescriptors.UnsupportedRoutineType,
        DiagnosticDescriptors.DerivesFromRoutine,
        DiagnosticDescriptors.EmptyName,
        DiagnosticDescriptors.EmitsNotPartial,
        DiagnosticDescriptors.EmitsSignature,
        DiagnosticDescriptors.SlotSignature,
        DiagnosticDescriptors.DuplicatePortName,
        DiagnosticDescriptors.ConflictingAttributes,
        DiagnosticDescriptors.TwoActivations,
        DiagnosticDescriptors.BufferedPayload,
        DiagnosticDescriptors.InvalidPredicate,
        DiagnosticDescriptors.JoinTooFewPayloads,
        DiagnosticDescriptors.NoCatalogConstructor,
        DiagnosticDescriptors.PortOutsideRoutine,
        DiagnosticDescriptors.NegativeCapacity,
        DiagnosticDescriptors.UnsupportedType,
        DiagnosticDescriptors.StateMemberNotReadable,
        DiagnosticDescriptors.MigrationSignature);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(symbolContext => AnalyzerGuard.Run(symbolContext, AnalyzeType), SymbolKind.NamedType);
    }

    private static void AnalyzeType(SymbolAnalysisContext context)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        var reporter = new DiagnosticReporter(context.Compilation, context.ReportDiagnostic);
        ReportEnclosingTypesNotPartial(type, reporter, context.CancellationToken);
        var routineAttribute = RoutineAttribute(type);
        if (routineAttribute is null)
        {
            ReportPortsOutsideRoutine(type, reporter);
            return;
        }

        var problems = new ParseProblems();
        var spec = RoutineParser.Parse(type, routineAttribute, problems, context.CancellationToken);
        var generatorReportsNotPartial = GeneratorDiagnostics.ReportsNotPartial(type, context.CancellationToken);
        foreach (var problem in problems.Items)
        {
            // An enclosing type's missing 'partial' is reported when that type is analyzed, once, on its own
            // declaration; and none at all when the generator reports them (GeneratorDiagnostics says when).
            if (problem.Kind != ProblemKind.NotPartial || (problem.Arguments[0] == type.Name && !generatorReportsNotPartial))
            {
                reporter.Report(DescriptorOf(problem.Kind), problem.Location, problem.Arguments);
            }
        }

        if (spec is not null && !type.IsAbstract && !spec.HasFactory)
        {
            reporter.Report(DiagnosticDescriptors.NoCatalogConstructor, FirstLocation(type), type.Name);
        }
    }

    private static AttributeData? RoutineAttribute(INamedTypeSymbol type)
    {
        foreach (var attribute in type.GetAttributes())
        {
            if (KnownTypes.IsRoutineAttribute(attribute.AttributeClass))
            {
                return attribute;
            }
        }

        return null;
    }

    /// <summary>A type enclosing a routine needs 'partial' on every declaration too: the generated part repeats it.</summary>
    private static void ReportEnclosingTypesNotPartial(INamedTypeSymbol type, DiagnosticReporter reporter, System.Threading.CancellationToken cancellationToken)
    {
        if (NestedRoutine(type) is not { } routine || GeneratorDiagnostics.ReportsNotPartial(routine, cancellationToken))
        {
            return;
        }

        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                reporter.Report(DiagnosticDescriptors.RoutineNotPartial, declaration.Identifier.GetLocation(), type.Name, routine.Name);
            }
        }
    }

    /// <summary>The first [Routine] class nested in <paramref name="type"/>, at any depth, or null.</summary>
    private static INamedTypeSymbol? NestedRoutine(INamedTypeSymbol type)
    {
        foreach (var nested in type.GetTypeMembers())
        {
            if (RoutineAttribute(nested) is not null)
            {
                return nested;
            }

            if (NestedRoutine(nested) is { } deeper)
            {
                return deeper;
            }
        }

        return null;
    }

    /// <summary>The generator reads port attributes only inside [Routine] classes; anywhere else they do nothing.</summary>
    private static void ReportPortsOutsideRoutine(INamedTypeSymbol type, DiagnosticReporter reporter)
    {
        foreach (var member in type.GetMembers())
        {
            if (member is not IMethodSymbol method)
            {
                continue;
            }

            foreach (var attribute in method.GetAttributes())
            {
                var attributeType = attribute.AttributeClass;
                if (KnownTypes.IsSlotAttribute(attributeType) || KnownTypes.IsEmitsAttribute(attributeType) || KnownTypes.IsJoinAttribute(attributeType)
                    || KnownTypes.IsActivationAttribute(attributeType))
                {
                    var location = attribute.ApplicationSyntaxReference is { } reference ? Location.Create(reference.SyntaxTree, reference.Span) : null;
                    reporter.Report(DiagnosticDescriptors.PortOutsideRoutine, location, method.Name, ActivationParser.DisplayName(attribute), type.Name);
                }
            }
        }
    }

    private static Location? FirstLocation(ISymbol symbol)
    {
        foreach (var location in symbol.Locations)
        {
            if (location.IsInSource)
            {
                return location;
            }
        }

        return null;
    }

    private static DiagnosticDescriptor DescriptorOf(ProblemKind kind) => kind switch
    {
        ProblemKind.NotPartial => DiagnosticDescriptors.RoutineNotPartial,
        ProblemKind.UnsupportedRoutineType => DiagnosticDescriptors.UnsupportedRoutineType,
        ProblemKind.DerivesFromRoutine => DiagnosticDescriptors.DerivesFromRoutine,
        ProblemKind.EmptyName => DiagnosticDescriptors.EmptyName,
        ProblemKind.ConflictingAttributes => DiagnosticDescriptors.ConflictingAttributes,
        ProblemKind.TwoActivations => DiagnosticDescriptors.TwoActivations,
        ProblemKind.SlotSignature => DiagnosticDescriptors.SlotSignature,
        ProblemKind.EmitsNotPartial => DiagnosticDescriptors.EmitsNotPartial,
        ProblemKind.EmitsSignature => DiagnosticDescriptors.EmitsSignature,
        ProblemKind.DuplicateName => DiagnosticDescriptors.DuplicatePortName,
        ProblemKind.BufferedPayload => DiagnosticDescriptors.BufferedPayload,
        ProblemKind.InvalidPredicate => DiagnosticDescriptors.InvalidPredicate,
        ProblemKind.JoinTooFewPayloads => DiagnosticDescriptors.JoinTooFewPayloads,
        ProblemKind.UnsupportedType => DiagnosticDescriptors.UnsupportedType,
        ProblemKind.StateMemberNotReadable => DiagnosticDescriptors.StateMemberNotReadable,
        ProblemKind.MigrationSignature => DiagnosticDescriptors.MigrationSignature,
        _ => DiagnosticDescriptors.NegativeCapacity,
    };
}
