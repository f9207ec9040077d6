namespace Routilux;

/// <summary>
/// Makes a slot's handler run at most once per period with what arrived since its last run:
/// <c>[Slot, Interval(1000)] void Ticks(IReadOnlyList&lt;Reading&gt; readings)</c>. Runs never mix jobs.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class IntervalAttribute : Attribute
{
    /// <summary>Sets the period.</summary>
    /// <param name="milliseconds">The shortest time between two runs, in milliseconds; positive.</param>
    public IntervalAttribute(double milliseconds) => Milliseconds = milliseconds;

    /// <summary>The shortest time between two runs, in milliseconds.</summary>
    public double Milliseconds { get; }
}
