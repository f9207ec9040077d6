using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Routilux.Generators.Diagnostics;
using Routilux.Generators.Model;

namespace Routilux.Generators.Parsing;

/// <summary>
/// Who reports a declaration problem. The analyzers report them all, except where the compiler would stop before
/// running any analyzer: a command-line build that has a declaration-stage error (CS0260, CS0751, CS8703...) never
/// runs analyzers, while generator diagnostics are always printed. So the generator reports exactly these, and the
/// analyzers skip them (one reporter per problem, no duplicate in the IDE):
/// <list type="bullet">
/// <item>RTLX0001 for a routine that, or whose enclosing type, is not partial while the routine declares partial
/// methods: those are compiler errors whatever the generator does (CS0751, CS8795), and its placeholder part turns
/// them into one CS0260 on the type, which names the same fix.</item>
/// <item>RTLX0016 for a C# version below <see cref="MinimumLanguageVersion"/>: the generated code would not compile.</item>
/// </list>
/// </summary>
internal static class GeneratorDiagnostics
{
    /// <summary>Generated code implements static abstract interface members, a C# 11 feature.</summary>
    public const LanguageVersion MinimumLanguageVersion = LanguageVersion.CSharp11;

    /// <summary>The project's C# version when it is below the floor, otherwise null.</summary>
    public static LanguageVersion? LanguageVersionBelowFloor(SyntaxTree tree) =>
        tree.Options is CSharpParseOptions { LanguageVersion: var version } && version < MinimumLanguageVersion ? version : null;

    /// <summary>RTLX0016 for <paramref name="routine"/>.</summary>
    public static DiagnosticInfo? LanguageVersionTooLow(INamedTypeSymbol routine, LanguageVersion version) =>
        DiagnosticInfo.Create(
            DiagnosticDescriptors.LanguageVersionTooLow,
            FirstSourceLocation(routine),
            routine.Name,
            version.ToDisplayString(),
            MinimumLanguageVersion.ToDisplayString());

    /// <summary>Whether the generator, not the analyzer, reports that <paramref name="routine"/> or a type enclosing it is not partial.</summary>
    public static bool ReportsNotPartial(INamedTypeSymbol routine, CancellationToken cancellationToken) =>
        !RoutineTypeRules.ChainIsPartial(routine, cancellationToken) && DeclaresPartialMethods(routine, cancellationToken);

    /// <summary>The RTLX0001 problems of <paramref name="routine"/> and its enclosing types, when the generator reports them.</summary>
    public static List<DiagnosticInfo> NotPartial(INamedTypeSymbol routine, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        if (!ReportsNotPartial(routine, cancellationToken))
        {
            return diagnostics;
        }

        var problems = new ParseProblems();
        RoutineTypeRules.IsSupported(routine, problems, cancellationToken);
        foreach (var outer in SymbolNames.ContainingTypes(routine))
        {
            RoutineTypeRules.IsSupportedContainer(outer, routine, problems, cancellationToken);
        }

        foreach (var problem in problems.Items)
        {
            if (problem.Kind == ProblemKind.NotPartial
                && DiagnosticInfo.Create(DiagnosticDescriptors.RoutineNotPartial, problem.Location, problem.Arguments) is { } diagnostic)
            {
                diagnostics.Add(diagnostic);
            }
        }

        return diagnostics;
    }

    private static bool DeclaresPartialMethods(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (var member in type.GetMembers())
        {
            if (member is IMethodSymbol method && PartialMembers.HasPartialModifier(method, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    private static Location? FirstSourceLocation(ISymbol symbol)
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
}
