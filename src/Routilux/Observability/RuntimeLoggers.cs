using Microsoft.Extensions.Logging;

namespace Routilux.Observability;

/// <summary>
/// The runtime's loggers, one per category, created once from <see cref="RuntimeOptions.LoggerFactory"/>. Categories:
/// "Routilux.Job" (job lifecycle), "Routilux.Worker" (handler failures, retries, drops, pause, cancel, checkpoints),
/// "Routilux.Hooks" (hooks that threw). Handlers log under their routine class's name (<see cref="RoutineContext.Logger"/>).
/// </summary>
internal sealed class RuntimeLoggers
{
    public const string JobCategory = "Routilux.Job";
    public const string WorkerCategory = "Routilux.Worker";
    public const string HooksCategory = "Routilux.Hooks";

    public RuntimeLoggers(ILoggerFactory factory)
    {
        Factory = factory;
        Job = factory.CreateLogger(JobCategory);
        Worker = factory.CreateLogger(WorkerCategory);
        Hooks = factory.CreateLogger(HooksCategory);
    }

    public ILoggerFactory Factory { get; }

    public ILogger Job { get; }

    public ILogger Worker { get; }

    public ILogger Hooks { get; }
}
