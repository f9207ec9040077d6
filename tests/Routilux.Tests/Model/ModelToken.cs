namespace Routilux.Tests.Model;

/// <summary>
/// The one payload every model routine carries. <see cref="Job"/> is the id of the job the harness posted it into,
/// so a handler can tell when a message reached it in another job's context; <see cref="Path"/> names the message
/// uniquely within its job (the input it descends from and every hop since), so the oracle can say which messages a
/// slot must see.
/// </summary>
/// <param name="Job">The id of the job the message was posted into.</param>
/// <param name="Path">Where the message came from: its input, then each routine that emitted it.</param>
/// <param name="Hold">Whether a gated routine holds it until the harness opens the gate (a long-running handler).</param>
public sealed record ModelToken(string Job, string Path, bool Hold)
{
    /// <summary>The message a routine emits for this one: the <paramref name="copy"/>-th it emits on <paramref name="routineId"/>'s event.</summary>
    public ModelToken Child(string routineId, int copy) => this with { Path = $"{Path}>{routineId}{copy}" };
}

/// <summary>The exception model handlers throw when the fault hash says so; it names the message and attempt.</summary>
public sealed class ModelFaultException : Exception
{
    public ModelFaultException()
        : this(string.Empty, string.Empty, 0)
    {
    }

    public ModelFaultException(string message)
        : this(message, string.Empty, 0)
    {
    }

    public ModelFaultException(string message, Exception inner)
        : base(message, inner)
    {
        RoutineId = string.Empty;
        Path = string.Empty;
    }

    public ModelFaultException(string routineId, string path, int attempt)
        : base($"model fault in '{routineId}' on '{path}', attempt {attempt}")
    {
        RoutineId = routineId;
        Path = path;
        Attempt = attempt;
    }

    public string RoutineId { get; }

    public string Path { get; }

    public int Attempt { get; }
}

/// <summary>
/// Deterministic choices made from a message's identity: whether a handler throws on an attempt, cancels its own job,
/// or awaits. The oracle asks the same questions, so it knows what each handler did without watching it.
/// </summary>
internal static class ModelHash
{
    public static bool Throws(string routineId, string path, int attempt, int percent) =>
        percent > 0 && Percent("fault", routineId, path, attempt) < percent;

    public static bool CancelsJob(string routineId, string path, int percent) =>
        percent > 0 && Percent("cancel", routineId, path, 0) < percent;

    /// <summary>0: no await, 1: a yield, 2: a short delay.</summary>
    public static int AwaitKind(string routineId, string path, int attempt, int percent) =>
        percent > 0 && Percent("await", routineId, path, attempt) < percent ? 1 + (Percent("kind", routineId, path, attempt) % 2) : 0;

    private static int Percent(string what, string routineId, string path, int attempt)
    {
        // FNV-1a: stable across processes and runtimes, unlike string.GetHashCode.
        var hash = 2166136261u;
        foreach (var text in new[] { what, routineId, path })
        {
            foreach (var c in text)
            {
                hash = (hash ^ c) * 16777619u;
            }

            hash = (hash ^ '|') * 16777619u;
        }

        hash = (hash ^ (uint)attempt) * 16777619u;
        hash ^= hash >> 15;
        hash *= 2246822519u;
        hash ^= hash >> 13;
        return (int)(hash % 100);
    }
}
