namespace Routilux;

/// <summary>A handler run that ended, as passed to <see cref="RoutiluxHooks.OnHandlerEnded"/>.</summary>
public readonly struct HandlerEnd
{
    internal HandlerEnd(Job job, string routineId, string slotName, int attempt, HandlerOutcome outcome, TimeSpan duration, Exception? error)
    {
        Job = job;
        RoutineId = routineId;
        SlotName = slotName;
        Attempt = attempt;
        Outcome = outcome;
        Duration = duration;
        Error = error;
    }

    /// <summary>The job of the message handled.</summary>
    public Job Job { get; }

    /// <summary>The id of the routine in its flow.</summary>
    public string RoutineId { get; }

    /// <summary>The name of the slot whose handler ran.</summary>
    public string SlotName { get; }

    /// <summary>1 for the first run of the message, 2 for its first retry, and so on.</summary>
    public int Attempt { get; }

    /// <summary>How the run ended (<see cref="HandlerOutcome.Retried"/>: it threw and runs again).</summary>
    public HandlerOutcome Outcome { get; }

    /// <summary>From the run's start to its end, on the runtime's clock, including an asynchronous handler's awaits.</summary>
    public TimeSpan Duration { get; }

    /// <summary>What the handler threw, or <see langword="null"/> when it returned normally.</summary>
    public Exception? Error { get; }

    /// <inheritdoc />
    public override string ToString() => $"{RoutineId}.{SlotName} job {Job.Id} attempt {Attempt}: {Outcome} in {Duration.TotalMilliseconds} ms";
}
