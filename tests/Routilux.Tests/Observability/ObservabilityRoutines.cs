using Microsoft.Extensions.Logging;

namespace Routilux.Tests.Observability;

/// <summary>Logs what it receives through its context's logger, then passes it on.</summary>
[Routine]
public partial class ChattyRelay
{
    [Slot]
    public void In(int value, RoutineContext context)
    {
        Relaying(context.Logger, value);
        Out(value);
    }

    [Emits]
    public partial void Out(int value);

    [LoggerMessage(EventId = 42, EventName = "Relayed", Level = LogLevel.Information, Message = "relaying {Value}")]
    private static partial void Relaying(ILogger logger, int value);
}

/// <summary>Yields, takes <c>value</c> ms on a fake clock, and throws for a negative value: an asynchronous handler's run.</summary>
[Routine]
public partial class AsyncTimedStage
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock;

    public AsyncTimedStage(Microsoft.Extensions.Time.Testing.FakeTimeProvider clock) => _clock = clock;

    [Slot]
    public async ValueTask In(int value)
    {
        await Task.Yield();
        _clock.Advance(TimeSpan.FromMilliseconds(Math.Abs(value)));
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A planned failure after an await.");
        }
    }
}
