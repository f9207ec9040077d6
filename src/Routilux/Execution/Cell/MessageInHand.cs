using System.Diagnostics;

namespace Routilux.Execution;

/// <summary>
/// What a <see cref="RoutineCell"/> holds while it handles one message: whose it is, which slot it came in on,
/// how many of the job's messages it holds open, and which attempt is running. The payload itself stays in the slot
/// queue's typed hand (<see cref="SlotQueue{T}.InHandPayload"/>), so a value type is never boxed.
/// </summary>
/// <remarks>
/// <para>Fields and who touches them (see the cell's concurrency contract, in RoutineCell.cs):</para>
/// <list type="bullet">
///   <item><see cref="Job"/> (the field): written only by the holder of the cell's claim, always with <see cref="Volatile.Write{T}(ref T, T)"/>
///   (other threads read it: <c>RoutineCell.Holds</c>, <c>IsBusy</c>, <c>OnJobStopped</c>; fence pair F2).</item>
///   <item>Everything else: the claim's holder only, plain reads and writes.</item>
/// </list>
/// <para>Invariants (asserted by <see cref="AssertInvariants"/>): empty (no job) means the reset values below;
/// a message on loan from its emitter (<see cref="Borrowed"/>) holds no count of its own; a batch or a join is in hand
/// only with a job; the attempt is at least 1 while a message is in hand.</para>
/// </remarks>
[DebuggerDisplay("{DebuggerDisplay,nq}")]
internal struct MessageInHand
{
    /// <summary>The job of the message in hand, or <see langword="null"/> when the hand is empty.</summary>
    public Job? Job;

    /// <summary>The slot the message came in on (a join's group for a join), or -1.</summary>
    public int Slot;

    /// <summary>
    /// How many of the job's pending messages the hand holds open: 1 for a message taken from a queue, more for a
    /// gathered batch, an activation batch or a join, 0 for a message riding on its emitter's count (<see cref="Borrowed"/>)
    /// or whose count was handed on with a pass-on. Released to the job (now or owed to the turn) when the message ends.
    /// </summary>
    public int Count;

    /// <summary>
    /// Counts the message took from its job ahead of its emits and has not used yet (see RoutineCell.CountEmit):
    /// a handler that emits many messages takes them in chunks instead of one interlocked write per message on the
    /// job's counter, which every producer of the job shares. Released with <see cref="Count"/> when the hand empties.
    /// </summary>
    public int Spare;

    /// <summary>How many counts the message takes from its job when its spare runs out: 1 at first, doubling to <see cref="Tuning.MaxCountsTakenAhead"/>.</summary>
    public int NextTake;

    /// <summary>The message was run inline and rides on its emitter's count until it needs one of its own (RoutineCell.OwnPending).</summary>
    public bool Borrowed;

    /// <summary>The activation batch in hand, if the message is one.</summary>
    public BatchSlotBuffer? Batch;

    /// <summary>The join group whose messages are in hand, or -1.</summary>
    public int JoinGroup;

    /// <summary>The attempt running: 1, then one more per retry.</summary>
    public int Attempt;

    /// <summary>An empty hand.</summary>
    public static MessageInHand Empty => new() { Slot = -1, Count = 1, JoinGroup = -1, NextTake = 1 };

    /// <summary>Whether a message is in hand, as the claim's holder sees it.</summary>
    public readonly bool IsHeld => Job is not null;

    /// <summary>
    /// Puts a message of <paramref name="job"/> from slot <paramref name="slot"/> in hand, publishing the job before
    /// the caller reads its status (rule C6): the cell's half of fence pair F2 with <see cref="Job.FinishIfStoppedAndIdle"/>,
    /// which lets a stopped job finish while its messages still wait, yet never while one of its handlers may still start.
    /// </summary>
    public void Take(Job job, int slot)
    {
        Debug.Assert(!IsHeld, "A message was put in hand over another one.");
        Slot = slot;
        Attempt = 1;

        // Release: another thread that sees the job here sees the rest of the hand too.
        Volatile.Write(ref Job, job);
    }

    /// <summary>Empties the hand: the one place every field goes back to its empty value.</summary>
    /// <returns>The count the hand held (its own and its spare), for the caller to release to the job.</returns>
    public int Reset()
    {
        var count = Count + Spare;
        Volatile.Write(ref Job, null);
        Slot = -1;
        Count = 1;
        Spare = 0;
        NextTake = 1;
        Borrowed = false;
        Batch = null;
        JoinGroup = -1;
        Attempt = 0;
        return count;
    }

    /// <summary>DEBUG builds: asserts the invariants listed on the type.</summary>
    [Conditional("DEBUG")]
    public readonly void AssertInvariants()
    {
        Debug.Assert(Count >= 0, "A hand holds a negative count.");
        Debug.Assert(!Borrowed || Count == 0, "A message on loan holds a count of its own.");
        Debug.Assert(Spare >= 0 && NextTake >= 1 && NextTake <= Tuning.MaxCountsTakenAhead, "A spare or a take out of range.");
        if (Job is null)
        {
            Debug.Assert(Slot == -1 && Count == 1 && Spare == 0 && NextTake == 1 && !Borrowed && Batch is null && JoinGroup == -1, "An empty hand keeps state.");
        }
        else
        {
            Debug.Assert(Attempt >= 1, "A message in hand with no attempt.");
            Debug.Assert(Slot >= 0, "A message in hand with no slot.");
        }
    }

    private readonly string DebuggerDisplay =>
        Job is null ? "empty" : $"job {Job.Id}, slot {Slot}, count {Count} (spare {Spare}){(Borrowed ? " (borrowed)" : string.Empty)}, attempt {Attempt}";
}
