namespace Routilux.Generators.Model;

/// <summary>Whether a state member is a field or a property.</summary>
internal enum StateMemberKind
{
    Field,
    Property,
}

/// <summary>
/// One member of a routine's saved state: a [State] field or property, or, with [State] on the class, an instance
/// field or auto-property the class declares (not [NotState], not compiler-generated).
/// </summary>
/// <param name="Name">The C# member name, without a verbatim '@'.</param>
/// <param name="JsonName">The member's name in state documents: [State(Name)] or <paramref name="Name"/>.</param>
/// <param name="NameIsExplicit">Whether [State(Name = ...)] pinned the JSON name (the C# name can then change freely).</param>
/// <param name="FormerNames">[State(FormerNames = ...)]: names read too, in declaration order.</param>
/// <param name="Type">The member's type, global::-qualified with nullable annotations.</param>
/// <param name="Kind">Field or property.</param>
/// <param name="IsReadOnly">A readonly field, or a property without a set accessor (get-only or init-only).</param>
/// <param name="HasSetter">A non-readonly field, or a property with a <c>set</c> accessor (not <c>init</c>): Read can assign it.</param>
/// <param name="IsInitOnly">A property whose only setter is <c>init</c>, which code outside an object initializer cannot call.</param>
/// <param name="IsRequired">Declared <c>required</c>: a document without the member is an error, not the constructor's value.</param>
/// <param name="IsStatic">Declared static ([State] on a static member; state is per instance, so this is an error).</param>
internal sealed record StateMemberSpec(
    string Name,
    string JsonName,
    bool NameIsExplicit,
    EquatableArray<string> FormerNames,
    string Type,
    StateMemberKind Kind,
    bool IsReadOnly,
    bool HasSetter,
    bool IsInitOnly,
    bool IsRequired,
    bool IsStatic);

/// <summary>One [MigrateState(from)] method of a routine.</summary>
/// <param name="MethodName">The C# method name.</param>
/// <param name="From">The version it migrates from; it produces <c>From + 1</c>.</param>
/// <param name="HasValidSignature">Whether it is <c>static void M(System.Text.Json.Nodes.JsonObject)</c>, non-generic: the only shape the generated Migrate calls.</param>
internal sealed record MigrationSpec(string MethodName, int From, bool HasValidSignature);

/// <summary>
/// A routine's saved state as declared: its version, members and migrations. Plain values, so the generator caches
/// on it; the analyzers get the symbols and locations beside it from <c>Parsing/StateParser</c>'s ParsedState.
/// </summary>
/// <param name="Version">[Routine(StateVersion = n)], 1 when not set.</param>
/// <param name="DeclaredOnClass">Whether [State] is on the class (every instance field and auto-property is state).</param>
/// <param name="Members">The state members in declaration order (a partial class's parts in the compiler's order).</param>
/// <param name="Migrations">The [MigrateState] methods in declaration order (not sorted: the analyzers report gaps and duplicates).</param>
internal sealed record StateSpec(
    int Version,
    bool DeclaredOnClass,
    EquatableArray<StateMemberSpec> Members,
    EquatableArray<MigrationSpec> Migrations)
{
    /// <summary>A routine without [State] anywhere, at version 1 and without migrations.</summary>
    public static readonly StateSpec None = new(1, false, EquatableArray<StateMemberSpec>.Empty, EquatableArray<MigrationSpec>.Empty);

    /// <summary>Whether checkpoints save anything of the routine (it gets a StateSerializer).</summary>
    public bool HasState => !Members.IsEmpty;
}
