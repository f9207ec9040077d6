namespace Routilux;

/// <summary>Settings of one <see cref="Worker"/>.</summary>
public sealed class WorkerOptions
{
    /// <summary>The smallest <see cref="HistoryCapacity"/> accepted.</summary>
    public const int MinimumHistoryCapacity = 10;

    /// <summary>The worker's id; generated from the flow's id when <see langword="null"/>.</summary>
    public string? Id { get; init; }

    /// <summary>
    /// Closes the worker when nothing has happened in it for this long — counted from its last activity (a job
    /// started, a handler run), never from its start; a handler still running counts as activity. Open jobs then
    /// fail with a <see cref="TimeoutException"/>. <see langword="null"/> (the default) never times out.
    /// </summary>
    public TimeSpan? InactivityTimeout { get; init; }

    /// <summary>How many handler runs <see cref="Worker.History"/> keeps, newest last (default 1000, at least 10).</summary>
    public int HistoryCapacity { get; init; } = 1000;

    /// <summary>
    /// Whether handler runs are recorded in <see cref="Worker.History"/> (default <see langword="true"/>). Recording
    /// reads the clock once per message handled on its own, and once per group for the messages of one slot and job
    /// handled back to back with nothing delivered between them (each run then gets an equal share of the group's
    /// time); switch it off for the last nanoseconds of a high-throughput stream.
    /// </summary>
    public bool RecordHistory { get; init; } = true;

    /// <summary>
    /// Whether a steady stream through a long chain is spread over the machine's cores (default <see langword="true"/>).
    /// A routine that delivers many messages in one turn or handler run is streaming; its messages then cross the
    /// flow's cuts (chosen from the flow's longest chain, one segment per core, at least four routines each) through
    /// the slot queue, so each segment runs on its own pool thread, while within a segment idle routines still run
    /// inline. Single messages and short flows are never split. Switch it off to keep every fused chain on the thread
    /// that started it, for example when the worker shares the machine with other busy work.
    /// </summary>
    public bool SpreadStreams { get; init; } = true;

    /// <summary>
    /// The cores a stream is spread over (see <c>StreamSegments</c>); the machine's processor count unless a test
    /// pins it, so that whether a flow is cut does not depend on the machine the test runs on.
    /// </summary>
    internal int? StreamProcessors { get; init; }

    /// <summary>
    /// Where <see cref="Worker.CheckpointAsync"/> saves checkpoints, and automatic checkpoints go
    /// (<see cref="CheckpointAfterRuns"/>, <see cref="CheckpointInterval"/>); <see langword="null"/> (the default) keeps
    /// checkpoints only as returned. Resume a saved worker with <see cref="Runtime.ResumeWorkerAsync"/>.
    /// </summary>
    public IWorkerStore? Store { get; init; }

    /// <summary>
    /// Takes an automatic checkpoint (saved to <see cref="Store"/>) after this many handler runs of the worker; 0 (the
    /// default) never. Never two at once: runs that end while one is taken count toward the next. A failing automatic
    /// checkpoint does not stop the worker; see <see cref="Worker.LastCheckpointError"/>.
    /// </summary>
    public int CheckpointAfterRuns { get; init; }

    /// <summary>
    /// Takes an automatic checkpoint (saved to <see cref="Store"/>) this often, on the runtime's clock;
    /// <see langword="null"/> (the default) never.
    /// </summary>
    public TimeSpan? CheckpointInterval { get; init; }
}
