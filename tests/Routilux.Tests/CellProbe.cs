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
/// posts asked for to its end. <c>RoutineCell.IsRunning</c> hides the claim while the worker is paused, which is just
/// when these tests need it; they read <c>RoutineCell.IsClaimed</c> and <c>HasBatchParkedForPause</c> instead.
/// </remarks>
internal static class CellProbe
{
    /// <summary>The cell of routine <paramref name="routineId"/> in <paramref name="worker"/>.</summary>
    public static RoutineCell CellOf(this Worker worker, string routineId) =>
        worker.Cell((worker.Flow.FindRoutine(routineId) ?? throw new KeyNotFoundException($"No routine '{routineId}' in flow '{worker.Flow.Id}'.")).Index);

    /// <summary>
    /// Waits until routine <paramref name="routineId"/>'s cell has given up its claim: the turn the test's posts (or
    /// timer advances, or the pause) asked for has ended, and the cell runs nothing until it is scheduled again.
    /// </summary>
    public static void WaitUntilIdle(this Worker worker, string routineId)
    {
        var cell = worker.CellOf(routineId);
        Eventually.True(() => !cell.IsClaimed, $"routine '{routineId}' has ended its turn and given up its claim");
    }

    /// <summary>
    /// Waits until routine <paramref name="routineId"/>'s slot <paramref name="slot"/> holds exactly
    /// <paramref name="length"/> messages and its cell has given up its claim (see <see cref="WaitUntilIdle"/>).
    /// </summary>
    public static void WaitUntilIdleWithQueued(this Worker worker, string routineId, string slot, int length)
    {
        var cell = worker.CellOf(routineId);
        Eventually.True(
            () => worker.GetQueueState(routineId, slot).Length == length && !cell.IsClaimed,
            $"'{routineId}.{slot}' holds {length} message(s) and its routine has ended its turn");
    }
}
