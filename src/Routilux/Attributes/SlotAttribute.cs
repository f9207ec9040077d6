namespace Routilux;

/// <summary>
/// Marks a method of a <see cref="RoutineAttribute"/> class as a slot: an input that receives messages.
/// The method's parameters are the payload (zero, one or several; several become a tuple), optionally followed
/// by a <see cref="System.Threading.CancellationToken"/> and a <see cref="RoutineContext"/>. The method returns
/// <c>void</c>, <see cref="System.Threading.Tasks.ValueTask"/> or <see cref="System.Threading.Tasks.Task"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class SlotAttribute : Attribute
{
    /// <summary>The slot's name in flows and diagnostics. Defaults to the method name.</summary>
    public string? Name { get; set; }

    /// <summary>
    /// When <see langword="true"/>, a flow may leave this slot unconnected without a validation error.
    /// </summary>
    public bool Optional { get; set; }

    /// <summary>
    /// The bounded capacity of this slot's queue. Zero (the default) uses <see cref="SlotDescriptor.DefaultCapacity"/>.
    /// </summary>
    public int Capacity { get; set; }

    /// <summary>What happens when a message arrives and the queue is full (default <see cref="QueueFullPolicy.Wait"/>).</summary>
    public QueueFullPolicy WhenFull { get; set; }
}
