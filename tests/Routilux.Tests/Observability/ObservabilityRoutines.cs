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
