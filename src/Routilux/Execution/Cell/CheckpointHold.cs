namespace Routilux.Execution;

/// <summary>How a checkpoint holds a cell during its cut (entry point E8 of the cell's contract).</summary>
internal enum CheckpointHold
{
    /// <summary>Not held.</summary>
    None,

    /// <summary>The cell was idle: the checkpoint took its claim.</summary>
    Idle,

    /// <summary>The message in hand waited for room downstream: the checkpoint disarmed its waiter.</summary>
    SpaceWait,

    /// <summary>The message in hand waited for a retry's delay: the checkpoint took the retry (F7).</summary>
    RetryWait,

    /// <summary>The rest of a batch waited in hand for a pause to end: the checkpoint took it (F3).</summary>
    ParkedBatch,
}
