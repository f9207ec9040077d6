namespace Routilux;

/// <summary>
/// Makes a slot's handler run when a method of the routine says so:
/// <c>[Slot, ActivateWhen(nameof(Enough))] void Items(IReadOnlyList&lt;Item&gt; items)</c> with
/// <c>bool Enough(ActivationState state)</c>. The handler gets everything the job has buffered on the slot; what is
/// left runs when the job has nothing else queued or running.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ActivateWhenAttribute : Attribute
{
    /// <summary>Names the predicate.</summary>
    /// <param name="predicate">The name of a method of the routine taking an <see cref="ActivationState"/> and returning <see cref="bool"/>.</param>
    public ActivateWhenAttribute(string predicate) => Predicate = predicate;

    /// <summary>The name of the predicate method.</summary>
    public string Predicate { get; }
}
