namespace Routilux;

/// <summary>
/// Marks a <c>partial</c> class as a routine: a unit of work that receives data on <see cref="SlotAttribute"/>
/// methods and sends data through <see cref="EmitsAttribute"/> partial methods. The Routilux source generator
/// implements the wiring, dispatch and emit bodies for the class at compile time.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class RoutineAttribute : Attribute
{
    /// <summary>
    /// The name the routine is registered under in the <see cref="RoutineCatalog"/> (for flows loaded by name).
    /// Defaults to the class name.
    /// </summary>
    public string? Name { get; set; }

    /// <summary>
    /// The version of the routine's saved state (its <see cref="StateAttribute"/> members); 1 unless set. Bump it
    /// whenever a state member's type changes, and add a <see cref="MigrateStateAttribute"/> migration from the old
    /// version. Checkpoints record the version they were written with.
    /// </summary>
    public int StateVersion { get; set; } = 1;
}
