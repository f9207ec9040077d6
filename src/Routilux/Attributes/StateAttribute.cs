namespace Routilux;

/// <summary>
/// Marks what a checkpoint saves of a routine. On a field or property of a <see cref="RoutineAttribute"/> class, the
/// member is part of the routine's state. On the routine class itself, every instance field and auto-property the
/// class declares is state, except those marked <see cref="NotStateAttribute"/>. The source generator writes the
/// routine's state serializer from these members at compile time (no reflection).
/// </summary>
/// <remarks>
/// The member's JSON name is pinned at declaration: <see cref="Name"/>, or the member's C# name when it is not set.
/// Renaming the C# member later changes nothing stored when <see cref="Name"/> is set; to rename the JSON member
/// itself, set the new <see cref="Name"/> and list the old one in <see cref="FormerNames"/>, so documents written
/// before the rename are still read. Any other change of a member's type needs a
/// <see cref="RoutineAttribute.StateVersion"/> bump and a <see cref="MigrateStateAttribute"/> migration.
/// See docs/durable-state.md.
/// </remarks>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property | AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class StateAttribute : Attribute
{
    /// <summary>The member's name in saved state documents. Defaults to the C# member name.</summary>
    public string? Name { get; set; }

    /// <summary>Names the member had in older state documents; reading accepts them, writing uses <see cref="Name"/>.</summary>
    public string[]? FormerNames { get; set; }
}
