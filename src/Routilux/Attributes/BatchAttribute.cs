namespace Routilux;

/// <summary>
/// Makes a slot's handler take messages in batches: <c>[Slot, Batch(100, MaxWaitMilliseconds = 50)] void Rows(IReadOnlyList&lt;Row&gt; rows)</c>.
/// The slot's payload is the list's element type. A partial batch goes after the maximum wait, or as soon as the job
/// has nothing else queued or running. Batches never mix jobs.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class BatchAttribute : Attribute
{
    /// <summary>Sets the batch size.</summary>
    /// <param name="size">Messages per batch; at least 1.</param>
    public BatchAttribute(int size) => Size = size;

    /// <summary>Messages per batch.</summary>
    public int Size { get; }

    /// <summary>The longest a partial batch waits, in milliseconds; 0 (default) waits until the job has nothing else to do.</summary>
    public double MaxWaitMilliseconds { get; set; }
}
