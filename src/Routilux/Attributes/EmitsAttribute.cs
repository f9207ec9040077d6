namespace Routilux;

/// <summary>
/// Marks a <c>partial</c> method of a <see cref="RoutineAttribute"/> class as an event: calling it emits its
/// parameters as one message to every slot connected to the event. The source generator writes the body.
/// The method returns <c>void</c> (delivered when the handler returns) or
/// <see cref="System.Threading.Tasks.ValueTask"/> (may await queue capacity while the handler runs).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class EmitsAttribute : Attribute
{
    /// <summary>The event's name in flows and diagnostics. Defaults to the method name.</summary>
    public string? Name { get; set; }
}
