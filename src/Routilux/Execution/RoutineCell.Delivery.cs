namespace Routilux.Execution;

/// <summary>Delivering the outbox to connected queues, waiting (without a thread) while one is full.</summary>
public sealed partial class RoutineCell
{
    /// <summary>Parks the message until <paramref name="blocked"/> has room; resumed by <see cref="OnSpaceSignalled"/>.</summary>
    private void AwaitSpace(SlotQueue blocked)
    {
        OwnPending(_currentJob!);
        _blockedQueue = blocked;
#pragma warning disable CA2012 // Kept in a field and consumed exactly once, by OnSpaceSignalled, to avoid an async state machine.
        _awaitedSpace = _waiter.WaitAsync(_currentJob!.CancellationToken);
#pragma warning restore CA2012
        _awaitedSpace.GetAwaiter().UnsafeOnCompleted(_onSpaceSignalled);
    }

    private void OnSpaceSignalled()
    {
        try
        {
            var job = _currentJob!;
            var spaceFreed = _awaitedSpace.GetAwaiter().GetResult();
            _awaitedSpace = default;
            var blocked = _blockedQueue!;
            _blockedQueue = null;
            if (spaceFreed)
            {
                var next = TryDeliverOutbox(job);
                if (next is not null)
                {
                    AwaitSpace(next);
                    return;
                }
            }
            else
            {
                // The job stopped while we waited: what is left of its outbox will never be needed.
                blocked.Unregister(_waiter);
                DiscardOutbox();
            }

            EndMessage(job);
            RunTurn();
        }
        catch (Exception ex)
        {
            RecoverFromInternalError(ex);
        }
    }

    /// <summary>Delivers the outbox now; used by async emits so a long-running handler feels backpressure.</summary>
    private ValueTask DeliverOutboxAsync(Job job)
    {
        var blocked = TryDeliverOutbox(job);
        return blocked is null ? default : WaitAndDeliverAsync(blocked, job);
    }

    private async ValueTask WaitAndDeliverAsync(SlotQueue blocked, Job job)
    {
        while (true)
        {
            var spaceFreed = await _waiter.WaitAsync(job.CancellationToken).ConfigureAwait(false);
            if (!spaceFreed)
            {
                // The job stopped while we waited: what is left of its outbox will never be needed.
                blocked.Unregister(_waiter);
                DiscardOutbox();
                job.CancellationToken.ThrowIfCancellationRequested();
                return;
            }

            var next = TryDeliverOutbox(job);
            if (next is null)
            {
                return;
            }

            blocked = next;
        }
    }

    /// <returns><see langword="null"/> when all was delivered, otherwise the full queue the waiter is registered on.</returns>
    private SlotQueue? TryDeliverOutbox(Job job)
    {
        foreach (var outlet in _outlets)
        {
            if (outlet.HasPending)
            {
                var blocked = outlet.TryDeliver(job, _waiter);
                if (blocked is not null)
                {
                    return blocked;
                }
            }
        }

        _outboxDirty = false;
        return null;
    }

    private void DiscardOutbox()
    {
        if (_outboxDirty)
        {
            foreach (var outlet in _outlets)
            {
                outlet.Discard();
            }

            _outboxDirty = false;
        }
    }
}
