namespace Routilux;

/// <summary>
/// One saved checkpoint of a worker as a store keeps it: the immutable document bytes (a versioned JSON envelope,
/// see docs/durable-state.md) and the few fields a store indexes.
/// </summary>
public sealed class WorkerCheckpoint
{
    /// <summary>Creates a checkpoint record.</summary>
    /// <param name="workerId">The worker's id.</param>
    /// <param name="sequence">The checkpoint's number within the worker, 1 for the first; increases with every checkpoint.</param>
    /// <param name="flowId">The id of the flow the worker runs.</param>
    /// <param name="createdAt">When the snapshot was taken.</param>
    /// <param name="document">The checkpoint document (UTF-8 JSON). The record keeps the memory as given; do not change it afterwards.</param>
    public WorkerCheckpoint(string workerId, long sequence, string flowId, DateTimeOffset createdAt, ReadOnlyMemory<byte> document)
    {
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        ArgumentException.ThrowIfNullOrEmpty(flowId);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        WorkerId = workerId;
        Sequence = sequence;
        FlowId = flowId;
        CreatedAt = createdAt;
        Document = document;
    }

    /// <summary>The worker's id.</summary>
    public string WorkerId { get; }

    /// <summary>The checkpoint's number within the worker, 1 for the first.</summary>
    public long Sequence { get; }

    /// <summary>The id of the flow the worker runs.</summary>
    public string FlowId { get; }

    /// <summary>When the snapshot was taken.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>The checkpoint document (UTF-8 JSON).</summary>
    public ReadOnlyMemory<byte> Document { get; }

    /// <inheritdoc />
    public override string ToString() => $"checkpoint {Sequence} of worker '{WorkerId}' (flow '{FlowId}')";
}
