using System.Threading.Tasks.Sources;

namespace Routilux.Execution;

/// <summary>
/// A reusable wait for room in a full slot queue. A cell owns two: one that resumes its delivery through a cached
/// callback, and one that an async emit awaits as a <see cref="ValueTask{TResult}"/>. Waking runs the continuation as
/// the waiter's own thread-pool work item, so waking never runs user code under a queue's lock and never allocates.
/// Cancellation is not a token registration: whoever stops the job calls <see cref="Cancel"/>.
/// </summary>
internal sealed class SpaceWaiter : IValueTaskSource<bool>, IThreadPoolWorkItem
{
    private readonly Action? _callback;

    // Continuations run synchronously, but only ever inside Execute, which is already a fresh work item.
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = false };
    private bool _spaceFreed;
    private int _armed;

    /// <summary>Creates a waiter that runs <paramref name="callback"/> when woken, or completes a ValueTask when <see langword="null"/>.</summary>
    public SpaceWaiter(Action? callback = null) => _callback = callback;

    /// <summary>Whether the wait ended because room was freed (<see langword="false"/>: the job stopped). Read after waking.</summary>
    public bool SpaceFreed => _spaceFreed;

    /// <summary>Arms the waiter; called by a queue, under its lock, as it registers the waiter.</summary>
    public void Arm()
    {
        _core.Reset();
        Volatile.Write(ref _armed, 1);
    }

    /// <summary>Whether the waiter is registered and not yet woken: a producer waits for room now. Any thread, a hint.</summary>
    public bool IsArmed => Volatile.Read(ref _armed) == 1;

    /// <summary>
    /// Takes the wait over without waking anyone, as the first of signal and cancellation would: a checkpoint holding
    /// the waiting message (the cell's E8). Whoever took it over re-arms and signals it to let the message go on.
    /// </summary>
    /// <returns><see langword="true"/> when the waiter was armed and is now this caller's.</returns>
    public bool TryDisarm() => Interlocked.Exchange(ref _armed, 0) == 1;

    /// <summary>The wait as a ValueTask, for waiters without a callback. Call after the waiter was registered.</summary>
    public ValueTask<bool> AsValueTask() => new(this, _core.Version);

    /// <summary>Called by a queue when a place frees up. Only the first of signal and cancellation counts.</summary>
    public void Signal() => Complete(true);

    /// <summary>Ends the wait because its job stopped.</summary>
    public void Cancel() => Complete(false);

    private void Complete(bool spaceFreed)
    {
        if (Interlocked.Exchange(ref _armed, 0) == 1)
        {
            _spaceFreed = spaceFreed;
            // The global queue: the thread signalling is a consumer in the middle of its turn, and the producer should
            // resume on another thread now, not behind that turn on this thread's local queue.
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    void IThreadPoolWorkItem.Execute()
    {
        if (_callback is not null)
        {
            _callback();
        }
        else
        {
            _core.SetResult(_spaceFreed);
        }
    }

    bool IValueTaskSource<bool>.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
