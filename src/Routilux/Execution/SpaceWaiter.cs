using System.Threading.Tasks.Sources;

namespace Routilux.Execution;

/// <summary>
/// A reusable awaitable that a producer parks on while a slot queue is full. Each routine cell owns one and
/// reuses it for every wait, so backpressure costs no allocation in the steady state.
/// </summary>
internal sealed class SpaceWaiter : IValueTaskSource<bool>
{
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };
    private CancellationTokenRegistration _registration;
    private int _armed;

    /// <summary>Arms the waiter before it is registered with a queue.</summary>
    public void Arm()
    {
        _core.Reset();
        Volatile.Write(ref _armed, 1);
    }

    /// <summary>Waits until a queue signals free space (<see langword="true"/>) or the token is cancelled (<see langword="false"/>).</summary>
    public ValueTask<bool> WaitAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            _registration = cancellationToken.UnsafeRegister(static state => ((SpaceWaiter)state!).Complete(false), this);
        }

        return new ValueTask<bool>(this, _core.Version);
    }

    /// <summary>Called by a queue when a place frees up. Only the first of signal and cancellation counts.</summary>
    public void Signal() => Complete(true);

    private void Complete(bool spaceFreed)
    {
        if (Interlocked.Exchange(ref _armed, 0) == 1)
        {
            _core.SetResult(spaceFreed);
        }
    }

    bool IValueTaskSource<bool>.GetResult(short token)
    {
        // Dispose outside the callback path: the registration may be the one completing us.
        _registration.Dispose();
        _registration = default;
        return _core.GetResult(token);
    }

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
