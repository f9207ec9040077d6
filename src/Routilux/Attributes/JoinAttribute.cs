namespace Routilux;

/// <summary>
/// Declares a join: every payload parameter of the method is a slot of its own (named after the parameter, first
/// letter upper-cased), and the method runs when each of those slots holds a message of the same job, with one message
/// from each, paired in arrival order. <c>[Join] void Match(Order order, Payment payment)</c> gives slots
/// <c>Order</c> and <c>Payment</c>. Messages left unpaired when the job has nothing else to do are dropped and counted.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class JoinAttribute : Attribute
{
    /// <summary>When <see langword="true"/>, a flow may leave the join's slots unconnected.</summary>
    public bool Optional { get; set; }

    /// <summary>The queue capacity of each of the join's slots; zero for the default.</summary>
    public int Capacity { get; set; }
}
