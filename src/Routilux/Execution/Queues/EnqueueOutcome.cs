namespace Routilux.Execution;

/// <summary>What became of a message offered to a slot queue.</summary>
internal enum EnqueueOutcome
{
    /// <summary>It is queued (under DropOldest, possibly in place of the oldest, which was dropped).</summary>
    Enqueued,

    /// <summary>The queue is full and its policy is Wait; the waiter, if one was given, is registered.</summary>
    MustWait,

    /// <summary>The queue is full and its policy is DropNewest: the message was dropped and counted.</summary>
    Dropped,

    /// <summary>The queue is full and its policy is Fail: the producer must fail the job.</summary>
    Rejected,
}
