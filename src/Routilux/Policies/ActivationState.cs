namespace Routilux;

/// <summary>What a custom activation predicate sees: the messages one job has buffered on one slot.</summary>
/// <param name="Buffered">How many messages are buffered for the job.</param>
/// <param name="OldestAge">How long the oldest buffered message has waited.</param>
/// <param name="Queue">The slot queue behind the buffer (messages not yet taken, capacity, pressure).</param>
public readonly record struct ActivationState(int Buffered, TimeSpan OldestAge, QueueState Queue);
