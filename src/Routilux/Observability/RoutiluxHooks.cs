namespace Routilux;

/// <summary>
/// Callbacks the runtime makes as jobs and handlers run: derive from it, override what you need, and register an
/// instance in <see cref="RuntimeOptions.Hooks"/>. Every method does nothing unless overridden, so new events can be
/// added in later versions without breaking a derived class.
/// </summary>
/// <remarks>
/// Hooks run synchronously on the thread that raises the event (a handler's, a producer's), so they should be quick
/// and thread-safe: several runs call them at once. A hook that throws is caught and logged (event id 1300, see
/// docs/observability.md); the flow goes on as if it had returned. With no hook registered the runtime pays one null
/// check per event.
/// </remarks>
public abstract class RoutiluxHooks
{
    /// <summary>Creates a hook.</summary>
    protected RoutiluxHooks()
    {
    }

    /// <summary>A job started (or was restored from a checkpoint), before any of its messages can run.</summary>
    /// <param name="job">The job.</param>
    public virtual void OnJobStarted(Job job)
    {
    }

    /// <summary>A job finished; <see cref="Job.Status"/> is final. Called before <see cref="Job.Completion"/> completes.</summary>
    /// <param name="job">The job.</param>
    public virtual void OnJobEnded(Job job)
    {
    }

    /// <summary>A handler run is about to start (each retry is a run of its own).</summary>
    /// <param name="run">The routine, slot, job and attempt.</param>
    public virtual void OnHandlerStarting(in HandlerStart run)
    {
    }

    /// <summary>A handler run ended: how, after how long, and the exception when it threw.</summary>
    /// <param name="run">The routine, slot, job, attempt, outcome, duration and error.</param>
    public virtual void OnHandlerEnded(in HandlerEnd run)
    {
    }

    /// <summary>A handler emitted one message on one of its routine's events (into its outbox; delivered when the run ends).</summary>
    /// <param name="message">The emitting routine, the event's name, and the job.</param>
    public virtual void OnEmitted(in MessageEvent message)
    {
    }

    /// <summary>
    /// A message was queued at a slot (a post, or a delivery through the queue). A message run at once on the
    /// emitter's thread (fused dispatch, pass-on) is never queued and raises no enqueue. The slot's routine may already
    /// be running it when this is called.
    /// </summary>
    /// <param name="message">The receiving routine, the slot's name, and the job.</param>
    public virtual void OnEnqueued(in MessageEvent message)
    {
    }

    /// <summary>A message was dropped: a full queue's DropNewest or DropOldest policy, or a join's unpaired message.</summary>
    /// <param name="message">The routine, the slot's name, and the job of the dropped message.</param>
    public virtual void OnDropped(in MessageEvent message)
    {
    }
}
