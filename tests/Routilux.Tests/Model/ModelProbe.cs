using System.Collections.Concurrent;

namespace Routilux.Tests.Model;

/// <summary>A broken invariant: a short kind (what the reducer keeps) and what exactly was seen.</summary>
internal sealed record ModelViolation(string Kind, string Detail)
{
    public override string ToString() => $"[{Kind}] {Detail}";
}

/// <summary>One handler run as a model routine saw it from the inside.</summary>
internal sealed class RunRecord
{
    public required string WorkerId { get; init; }

    public required string RoutineId { get; init; }

    public required string JobId { get; init; }

    /// <summary>The handler's slot: "In", or "Pair" for a join (whose inputs are its Left and Right).</summary>
    public required string Slot { get; init; }

    /// <summary>What the handler got: one token, a batch, or a join's left then right.</summary>
    public required ModelToken[] Inputs { get; init; }

    public int Attempt { get; init; }

    /// <summary>What the handler emitted, in order (before a throw, if it threw).</summary>
    public List<ModelToken> Emitted { get; } = new();

    public Exception? Error { get; set; }

    public bool CancelledItsJob { get; set; }
}

/// <summary>
/// What a scenario's routines record while it runs: every handler run, and the invariants that can only be checked
/// from inside a handler (one at a time per routine, no run for a finished job, no message of another job). Shared by
/// every routine instance of every worker of one scenario; thread-safe.
/// </summary>
internal sealed class ModelProbe
{
    private readonly ConcurrentDictionary<string, MessageRuns> _messages = new(StringComparer.Ordinal);

    public ModelProbe(ScenarioSpec spec)
    {
        Spec = spec;
    }

    public ScenarioSpec Spec { get; }

    public ConcurrentQueue<RunRecord> Runs { get; } = new();

    public ConcurrentQueue<ModelViolation> Violations { get; } = new();

    /// <summary>Jobs a handler cancelled, noted at once (a run's record comes only when its handler ends).</summary>
    public ConcurrentDictionary<string, bool> CancelledByHandler { get; } = new(StringComparer.Ordinal);

    /// <summary>Opened by the harness once it has checked that stopped jobs completed while gated handlers held their routines.</summary>
    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Violate(string kind, string detail) => Violations.Enqueue(new ModelViolation(kind, detail));

    /// <summary>Counts a run of one message on one slot and returns its attempt number, checking it may run again.</summary>
    public int NextAttempt(string workerId, RoutineContext context, ModelToken token, string slot, PolicySpec? policy)
    {
        var key = $"{workerId}|{context.RoutineId}|{slot}|{context.Job.Id}|{token.Path}";
        var runs = _messages.GetOrAdd(key, static _ => new MessageRuns());
        lock (runs)
        {
            runs.Count++;
            if (runs.Count > 1)
            {
                if (!runs.LastThrew)
                {
                    Violate("duplicate", $"{context.RoutineId}.{slot} handled '{token.Path}' of job {context.Job.Id} again (run {runs.Count}) after a run that did not throw.");
                }
                else if (policy is null || policy.OnThrow(runs.Count - 1) != ErrorStrategy.Retry)
                {
                    Violate("retry-bound", $"{context.RoutineId}.{slot} ran '{token.Path}' of job {context.Job.Id} a {runs.Count}th time; its policy {policy} allows {policy?.MaxRuns ?? 1} run(s).");
                }
            }

            runs.LastThrew = true;
            return runs.Count;
        }
    }

    public void EndAttempt(string workerId, RoutineContext context, ModelToken token, string slot, bool threw)
    {
        var key = $"{workerId}|{context.RoutineId}|{slot}|{context.Job.Id}|{token.Path}";
        var runs = _messages[key];
        lock (runs)
        {
            runs.LastThrew = threw;
        }
    }

    private sealed class MessageRuns
    {
        public int Count;
        public bool LastThrew;
    }
}
