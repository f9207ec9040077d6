using System.Runtime.CompilerServices;
using Routilux.Execution;

namespace Routilux.Tests;

/// <summary>
/// Gates for tests that judge "nothing happened": the state of a routine's cell at which it has taken every step its
/// work allows, so that what did not happen by then will not happen until the test acts again. Nothing here waits for
/// a time; <see cref="Eventually"/> waits for the state.
/// </summary>
/// <remarks>
/// A cell is claimed from the moment a post, an emit, a timer or a resume schedules it until its turn has run out of
/// work and given the claim up (RoutineCell's scheduling contract). Every post schedules the cell before it returns,
/// so a cell seen unclaimed after the posts, with the messages where the test expects them, has run the turn those
/// posts asked for to its end. <c>RoutineCell.IsRunning</c> reads the claim but hides it while the worker is paused,
/// which is just when these tests need it, and RoutineCell's folder is being restructured (the tests may not add
/// to it now), so the two private fields are read here through <see cref="UnsafeAccessorAttribute"/>: renamed, they
/// fail every test that uses them with a <see cref="MissingFieldException"/> naming the field, never silently.
/// Once RoutineCell exposes them as internal members, use those instead.
/// </remarks>
internal static class CellProbe
{
    /// <summary>The cell of routine <paramref name="routineId"/> in <paramref name="worker"/>.</summary>
    public static RoutineCell CellOf(this Worker worker, string routineId) =>
        worker.Cell((worker.Flow.FindRoutine(routineId) ?? throw new KeyNotFoundException($"No routine '{routineId}' in flow '{worker.Flow.Id}'.")).Index);

    /// <summary>Whether the cell is claimed: scheduled, in a turn, running a message inline or holding one, paused or not.</summary>
    public static bool IsClaimed(this RoutineCell cell) => Volatile.Read(ref Scheduled(cell).Value) != 0;

    /// <summary>
    /// Whether the cell keeps the rest of a batch in hand for a pause: it stays claimed, and runs none of the batch
    /// until the resume (or a stop of its job) takes it up again.
    /// </summary>
    public static bool HasBatchParkedForPause(this RoutineCell cell) => Volatile.Read(ref ParkedForPause(cell)) == 1;

    /// <summary>
    /// Waits until routine <paramref name="routineId"/>'s cell has given up its claim: the turn the test's posts (or
    /// timer advances, or the pause) asked for has ended, and the cell runs nothing until it is scheduled again.
    /// </summary>
    public static void WaitUntilIdle(this Worker worker, string routineId)
    {
        var cell = worker.CellOf(routineId);
        Eventually.True(() => !cell.IsClaimed(), $"routine '{routineId}' has ended its turn and given up its claim");
    }

    /// <summary>
    /// Waits until routine <paramref name="routineId"/>'s slot <paramref name="slot"/> holds exactly
    /// <paramref name="length"/> messages and its cell has given up its claim (see <see cref="WaitUntilIdle"/>).
    /// </summary>
    public static void WaitUntilIdleWithQueued(this Worker worker, string routineId, string slot, int length)
    {
        var cell = worker.CellOf(routineId);
        Eventually.True(
            () => worker.GetQueueState(routineId, slot).Length == length && !cell.IsClaimed(),
            $"'{routineId}.{slot}' holds {length} message(s) and its routine has ended its turn");
    }

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_scheduled")]
    private static extern ref PaddedFlag Scheduled(RoutineCell cell);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_parkedForPause")]
    private static extern ref int ParkedForPause(RoutineCell cell);
}
