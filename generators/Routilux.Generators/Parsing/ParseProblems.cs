using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Routilux.Generators.Parsing;

/// <summary>
/// Why the parser refused a declaration, or (the serialization kinds at the end) left a serializer out. The analyzers
/// turn each kind into a diagnostic; the generator ignores them.
/// </summary>
internal enum ProblemKind
{
    /// <summary>A [Routine] class, or a type enclosing it, is not declared partial. Arguments: the type, the routine.</summary>
    NotPartial,

    /// <summary>[Routine] on a record, a static or file-local class. Arguments: the type, what it is.</summary>
    UnsupportedRoutineType,

    /// <summary>A routine derives from another routine. Arguments: the type, the base type.</summary>
    DerivesFromRoutine,

    /// <summary>A Name argument that is empty or white space. Arguments: what is named, the member.</summary>
    EmptyName,

    /// <summary>[Slot], [Emits], [Join] and activation attributes combined wrongly. Arguments: the method, what is wrong.</summary>
    ConflictingAttributes,

    /// <summary>Two of [Batch], [Interval], [ActivateWhen] on one slot. Arguments: the method.</summary>
    TwoActivations,

    /// <summary>A [Slot] or [Join] method the dispatch cannot call. Arguments: the method, why.</summary>
    SlotSignature,

    /// <summary>An [Emits] method that is not a body-less partial declaration. Arguments: the method, why.</summary>
    EmitsNotPartial,

    /// <summary>An [Emits] method whose signature cannot be implemented. Arguments: the method, why.</summary>
    EmitsSignature,

    /// <summary>Two ports of a routine share a name. Arguments: the name, what kind of name.</summary>
    DuplicateName,

    /// <summary>A buffered slot's payload is not one IReadOnlyList&lt;T&gt;. Arguments: the method, the attribute.</summary>
    BufferedPayload,

    /// <summary>The [ActivateWhen] predicate is missing or has the wrong signature. Arguments: the predicate, the method.</summary>
    InvalidPredicate,

    /// <summary>A [Join] with fewer than two payload parameters. Arguments: the method, the count.</summary>
    JoinTooFewPayloads,

    /// <summary>A negative queue capacity. Arguments: the method, the capacity.</summary>
    NegativeCapacity,

    // The problems below do not refuse the routine: it is generated without the serializer concerned (see
    // Parsing/SerializationParser.cs), and the analyzers' error stops the build.

    /// <summary>
    /// A payload or state type with no JSON shape and not in the [RoutiluxJsonContext] context. Arguments: what it is
    /// ("payload of slot 'In'", "state member '_total'"), the routine, the type without a shape, its member path, why.
    /// </summary>
    UnsupportedType,

    /// <summary>A state member a read cannot set. Arguments: the member, the routine, why.</summary>
    StateMemberNotReadable,

    /// <summary>A [MigrateState] method whose signature is not static void M(JsonObject). Arguments: the method, the routine.</summary>
    MigrationSignature,
}

/// <summary>One reason a declaration was refused, located where the user can fix it.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="Location">Where: a declaration's identifier or an attribute; null when it has no source location.</param>
/// <param name="Arguments">Names and values for the message, in the order <see cref="ProblemKind"/> documents.</param>
internal sealed record ParseProblem(ProblemKind Kind, Location? Location, string[] Arguments);

/// <summary>
/// Collects why the parser refused a declaration. The generator passes none (null) and only learns that a routine
/// is invalid; the analyzers pass one to learn why. Collecting changes no parse result, so the generator's output
/// and caching are the same either way.
/// </summary>
internal sealed class ParseProblems
{
    private readonly List<ParseProblem> _items = new();

    public IReadOnlyList<ParseProblem> Items => _items;

    public void Add(ProblemKind kind, Location? location, params string[] arguments) =>
        _items.Add(new ParseProblem(kind, location, arguments));
}

/// <summary>Reporting into an optional collector, so parser code reads the same with or without one.</summary>
internal static class ParseProblemsExtensions
{
    /// <summary>Records a problem when there is a collector; always returns false, the parse result of a refusal.</summary>
    public static bool Refuse(this ParseProblems? problems, ProblemKind kind, Location? location, params string[] arguments)
    {
        problems?.Add(kind, location, arguments);
        return false;
    }

    /// <summary>Records a problem located at <paramref name="symbol"/>'s first source declaration; returns false.</summary>
    public static bool Refuse(this ParseProblems? problems, ProblemKind kind, ISymbol symbol, params string[] arguments) =>
        problems.Refuse(kind, problems is null ? null : SourceLocation(symbol), arguments);

    /// <summary>Records a problem located at an attribute as written; returns false.</summary>
    public static bool Refuse(this ParseProblems? problems, ProblemKind kind, AttributeData attribute, ISymbol owner, params string[] arguments) =>
        problems.Refuse(kind, problems is null ? null : AttributeLocation(attribute) ?? SourceLocation(owner), arguments);

    private static Location? SourceLocation(ISymbol symbol)
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

    private static Location? AttributeLocation(AttributeData attribute) =>
        attribute.ApplicationSyntaxReference is { } reference
            ? Location.Create(reference.SyntaxTree, reference.Span)
            : null;
}
