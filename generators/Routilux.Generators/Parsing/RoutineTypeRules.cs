using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Routilux.Generators.Parsing;

/// <summary>
/// What a [Routine] class and the types enclosing it must be for the generator to add a part to them: partial
/// classes (every declaration), neither records, static nor file-local, and not derived from another routine.
/// </summary>
internal static class RoutineTypeRules
{
    /// <summary>Whether the routine class itself can be completed; records why not in <paramref name="problems"/>.</summary>
    public static bool IsSupported(INamedTypeSymbol type, ParseProblems? problems, CancellationToken cancellationToken)
    {
        // Implicitly declared types (the script class, broken code) have nothing a user could fix.
        if (type.IsImplicitlyDeclared || type.DeclaringSyntaxReferences.IsEmpty)
        {
            return false;
        }

        var valid = true;
        if (Unsupported(type) is { } what)
        {
            valid = problems.Refuse(ProblemKind.UnsupportedRoutineType, type, type.Name, what);
        }

        if (!AllDeclarationsArePartial(type, type, problems, cancellationToken))
        {
            valid = false;
        }

        if (KnownTypes.RoutineBase(type) is { } routineBase)
        {
            valid = problems.Refuse(ProblemKind.DerivesFromRoutine, type, type.Name, routineBase.Name);
        }

        return valid;
    }

    /// <summary>Whether a type enclosing <paramref name="routine"/> can take a generated part.</summary>
    public static bool IsSupportedContainer(INamedTypeSymbol outer, INamedTypeSymbol routine, ParseProblems? problems, CancellationToken cancellationToken)
    {
        // A file-local type cannot have a part in the generated file.
        var valid = !outer.IsFileLocal || problems.Refuse(ProblemKind.UnsupportedRoutineType, routine, routine.Name, "nested in file-local type '" + outer.Name + "'");
        return AllDeclarationsArePartial(outer, routine, problems, cancellationToken) && valid;
    }

    /// <summary>Whether the routine and every type enclosing it are declared partial everywhere.</summary>
    public static bool ChainIsPartial(INamedTypeSymbol routine, CancellationToken cancellationToken)
    {
        for (var current = routine; current is not null; current = current.ContainingType)
        {
            if (!AllDeclarationsArePartial(current, routine, problems: null, cancellationToken))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether a generated file can hold a part of the routine at all, partial or not: every type of the chain is a
    /// class, record or struct declared in source, and none is file-local (a file-local type has no part elsewhere).
    /// </summary>
    public static bool CanTakePart(INamedTypeSymbol routine)
    {
        for (var current = routine; current is not null; current = current.ContainingType)
        {
            if (current.IsFileLocal || current.IsImplicitlyDeclared || current.DeclaringSyntaxReferences.IsEmpty
                || current.TypeKind is not (TypeKind.Class or TypeKind.Struct))
            {
                return false;
            }
        }

        return true;
    }

    private static string? Unsupported(INamedTypeSymbol type) =>
        type.TypeKind != TypeKind.Class ? "not a class"
        : type.IsRecord ? "a record"
        : type.IsStatic ? "a static class"
        : type.IsFileLocal ? "a file-local class"
        : null;

    /// <summary>
    /// Generated members are added in another part, which needs every declaration to say partial. Each declaration
    /// that does not is recorded on its own, so a fix can add the modifier exactly there.
    /// </summary>
    private static bool AllDeclarationsArePartial(INamedTypeSymbol type, INamedTypeSymbol routine, ParseProblems? problems, CancellationToken cancellationToken)
    {
        if (type.DeclaringSyntaxReferences.IsEmpty)
        {
            return false;
        }

        var valid = true;
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax declaration)
            {
                valid = false;
            }
            else if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                valid = problems.Refuse(ProblemKind.NotPartial, declaration.Identifier.GetLocation(), type.Name, routine.Name);
            }
        }

        return valid;
    }
}
