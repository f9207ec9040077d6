using System.Collections.Concurrent;

namespace Routilux.Tests.Observability;

/// <summary>Records every hook call as a line, in the order each thread made them.</summary>
public sealed class RecordingHooks : RoutiluxHooks
{
    public ConcurrentQueue<string> Events { get; } = new();

    public ConcurrentQueue<HandlerEnd> Ends { get; } = new();

    public override void OnJobStarted(Job job) => Events.Enqueue($"job-started {job.Id}");

    public override void OnJobEnded(Job job) => Events.Enqueue($"job-ended {job.Id} {job.Status}");

    public override void OnHandlerStarting(in HandlerStart run) =>
        Events.Enqueue($"start {run.RoutineId}.{run.SlotName} {run.Job.Id} #{run.Attempt}");

    public override void OnHandlerEnded(in HandlerEnd run)
    {
        Ends.Enqueue(run);
        Events.Enqueue($"end {run.RoutineId}.{run.SlotName} {run.Job.Id} #{run.Attempt} {run.Outcome}");
    }

    public override void OnEmitted(in MessageEvent message) => Events.Enqueue($"emit {message.RoutineId}.{message.PortName} {message.Job.Id}");

    public override void OnEnqueued(in MessageEvent message) => Events.Enqueue($"enqueue {message.RoutineId}.{message.PortName} {message.Job.Id}");

    public override void OnDropped(in MessageEvent message) => Events.Enqueue($"drop {message.RoutineId}.{message.PortName} {message.Job.Id}");
}

/// <summary>Throws from every callback: the runtime must log it and go on.</summary>
public sealed class ThrowingHooks : RoutiluxHooks
{
    private static InvalidOperationException Boom(string where) => new($"hook failure in {where}");

    public override void OnJobStarted(Job job) => throw Boom(nameof(OnJobStarted));

    public override void OnJobEnded(Job job) => throw Boom(nameof(OnJobEnded));

    public override void OnHandlerStarting(in HandlerStart run) => throw Boom(nameof(OnHandlerStarting));

    public override void OnHandlerEnded(in HandlerEnd run) => throw Boom(nameof(OnHandlerEnded));

    public override void OnEmitted(in MessageEvent message) => throw Boom(nameof(OnEmitted));

    public override void OnEnqueued(in MessageEvent message) => throw Boom(nameof(OnEnqueued));

    public override void OnDropped(in MessageEvent message) => throw Boom(nameof(OnDropped));
}
