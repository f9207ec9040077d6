using Microsoft.Extensions.Time.Testing;

namespace Routilux.Tests.Routines;

/// <summary>Takes a fixed time on a fake clock for each message, then passes it on.</summary>
[Routine]
public partial class TimedStage
{
    private readonly FakeTimeProvider _clock;
    private readonly TimeSpan _takes;

    public TimedStage(FakeTimeProvider clock, TimeSpan takes)
    {
        _clock = clock;
        _takes = takes;
    }

    [Slot]
    public void In(int value)
    {
        _clock.Advance(_takes);
        Out(value);
    }

    [Emits]
    public partial void Out(int value);
}

/// <summary>Emits 0..count-1 with an async emit, taking a fixed time on a fake clock before each.</summary>
[Routine]
public partial class TimedSource
{
    private readonly FakeTimeProvider _clock;
    private readonly TimeSpan _before;

    public TimedSource(FakeTimeProvider clock, TimeSpan before)
    {
        _clock = clock;
        _before = before;
    }

    [Slot]
    public async ValueTask Start(int count)
    {
        for (var i = 0; i < count; i++)
        {
            _clock.Advance(_before);
            await Number(i);
        }
    }

    [Emits]
    public partial ValueTask Number(int value);
}

/// <summary>Takes a fixed time on a fake clock for each attempt and fails the first <c>failures</c> attempts.</summary>
[Routine]
public partial class TimedFlakyStage
{
    private readonly FakeTimeProvider _clock;
    private readonly TimeSpan _takes;
    private int _failures;

    public TimedFlakyStage(FakeTimeProvider clock, TimeSpan takes, int failures)
    {
        _clock = clock;
        _takes = takes;
        _failures = failures;
    }

    [Slot]
    public void In(int value)
    {
        _clock.Advance(_takes);
        if (_failures-- > 0)
        {
            throw new InvalidOperationException("A planned failure.");
        }

        Out(value);
    }

    [Emits]
    public partial void Out(int value);
}
