namespace Routilux;

/// <summary>
/// Marks a <c>static void M(System.Text.Json.Nodes.JsonObject state)</c> method of a routine as the migration of its
/// saved state from version <see cref="From"/> to <c>From + 1</c>. Migrations work on the JSON tree, so the old CLR
/// shape need not be kept. A state saved at version <c>n</c> is migrated through every step from <c>n</c> up to the
/// routine's <see cref="RoutineAttribute.StateVersion"/> before it is read; the analyzers check the chain has no gap
/// or duplicate. See docs/durable-state.md.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class MigrateStateAttribute : Attribute
{
    /// <summary>Creates the attribute for the migration from version <paramref name="from"/>.</summary>
    /// <param name="from">The state version the method migrates from; it produces version <c>from + 1</c>.</param>
    public MigrateStateAttribute(int from)
    {
        From = from;
    }

    /// <summary>The state version the method migrates from.</summary>
    public int From { get; }
}
