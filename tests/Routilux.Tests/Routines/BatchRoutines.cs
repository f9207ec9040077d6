using System.Collections.Concurrent;
using Routilux;

namespace Routilux.Tests.Routines;

/// <summary>Calls a hook with every value it handles, then passes the value on.</summary>
[Routine]
public partial class Hooked
{
    private readonly Action<int> _onValue;

    public Hooked(Action<int> onValue) => _onValue = onValue;

    [Slot]
    public void In(int value)
    {
        _onValue(value);
        Out(value);
    }

    [Emits]
    public partial void Out(int value);
}

/// <summary>Emits its value, then throws the first time it sees <c>failOn</c>: shows that a retry drops only its own run's emits.</summary>
[Routine]
public partial class EmitThenFailOnce
{
    private readonly int _failOn;
    private bool _failed;

    public EmitThenFailOnce(int failOn) => _failOn = failOn;

    [Slot]
    public void In(int value)
    {
        Out(value);
        if (value == _failOn && !_failed)
        {
            _failed = true;
            throw new TimeoutException($"first run of {value}");
        }
    }

    [Emits]
    public partial void Out(int value);
}

/// <summary>Awaits a yield on odd values before passing the value on: a handler that goes asynchronous now and then.</summary>
[Routine]
public partial class OddYielder
{
    [Slot]
    public async ValueTask In(int value)
    {
        if (value % 2 == 1)
        {
            await Task.Yield();
        }

        Out(value);
    }

    [Emits]
    public partial void Out(int value);
}
