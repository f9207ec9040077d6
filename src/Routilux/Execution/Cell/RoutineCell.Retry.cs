namespace Routilux.Execution;

// Retries: the message stays in hand while the cell waits out the delay on the runtime's clock.
public sealed partial class RoutineCell
{
    private ITimer? _retryTimer;
    private SlotQueue? _retryQueue;
    private CancellationTokenRegistration _retryCancellation;
    private int _retryPending;
    private volatile bool _retryArmed;

    /// <summary>Whether a retry is waiting on its timer; lets tests move a fake clock only once the timer is set.</summary>
    internal bool IsWaitingForRetry => _retryArmed;

    /// <returns><see langword="true"/> when the retry already ran to completion on this thread.</returns>
    private bool ScheduleRetry(SlotQueue queue, Job job, TimeSpan delay)
    {
        _attempt++;
        if (delay <= TimeSpan.Zero)
        {
            return Attempt(queue, job);
        }

        OwnPending(job);
        _retryQueue = queue;
        Volatile.Write(ref _retryPending, 1);
        _retryTimer ??= Clock.CreateTimer(static s => ((RoutineCell)s!).OnRetryDue(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _retryTimer.Change(delay, Timeout.InfiniteTimeSpan);

        // A job stopped during the delay should not wait it out: fire at once, and the message is dropped.
        _retryCancellation = job.CancellationToken.UnsafeRegister(static s => ((RoutineCell)s!).OnRetryDue(), this);
        _retryArmed = true;
        return false;
    }

    private void OnRetryDue()
    {
        // The timer and the cancellation can both fire; the first one runs the retry.
        if (Interlocked.Exchange(ref _retryPending, 0) == 0)
        {
            return;
        }

        _retryArmed = false;

        try
        {
            _retryCancellation.Dispose();
            _retryCancellation = default;
            var queue = _retryQueue!;
            _retryQueue = null;
            var job = _currentJob!;
            if (job.IsStopped)
            {
                DiscardOutbox();
                DropHand(queue);
                EndMessage(job);
                RunTurn();
                return;
            }

            if (Attempt(queue, job))
            {
                RunTurn();
            }
        }
        catch (Exception ex)
        {
            RecoverFromInternalError(ex);
        }
    }
}
