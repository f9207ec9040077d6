using System.Globalization;
using System.Text;

namespace Routilux.Tests.Model;

/// <summary>The routine classes a scenario combines; each is a compile-time routine in <c>ModelRoutines.cs</c>.</summary>
internal enum NodeKind
{
    /// <summary><see cref="ModelRelay"/>: sync, emits its copies and then maybe throws (Continue keeps them).</summary>
    Relay,

    /// <summary><see cref="ModelAsyncRelay"/>: awaits now and then, may be gated, throws before emitting, emits with async emits.</summary>
    AsyncRelay,

    /// <summary><see cref="ModelRetryRelay"/>: a relay whose [OnError] attribute says Retry(2) then Skip.</summary>
    RetryRelay,

    /// <summary><see cref="ModelContinueRelay"/>: a relay whose [OnError] attribute says Continue.</summary>
    ContinueRelay,

    /// <summary><see cref="ModelSmallBatch"/>: [Batch(3, MaxWait 15 ms)].</summary>
    SmallBatch,

    /// <summary><see cref="ModelWideBatch"/>: [Batch(16, MaxWait 200 ms)], issue 17's bug 1 shape.</summary>
    WideBatch,

    /// <summary><see cref="ModelCustom"/>: [ActivateWhen] three are buffered.</summary>
    Custom,

    /// <summary><see cref="ModelInterval"/>: [Interval(10)].</summary>
    Interval,

    /// <summary><see cref="ModelJoin"/>: [Join] of a Left and a Right; it emits nothing.</summary>
    Join,

    /// <summary><see cref="ModelSink"/>: records what it gets.</summary>
    Sink,
}

/// <summary>How a job is started.</summary>
internal enum StartMethod
{
    StartAsync,
    RunAsync,
    OpenJob,
}

/// <summary>What a chaos action does.</summary>
internal enum ChaosKind
{
    PauseResume,
    CancelJob,
    CancelCallerToken,
    CancelWorker,
    DisposeRuntime,
}

/// <summary>An error policy as the scenario sets it (a routine's own, or the flow's).</summary>
internal sealed record PolicySpec(ErrorStrategy Strategy, int MaxRetries, ErrorStrategy Fallback)
{
    public static readonly PolicySpec Stop = new(ErrorStrategy.Stop, 0, ErrorStrategy.Stop);

    public ErrorPolicy ToPolicy() => Strategy switch
    {
        ErrorStrategy.Continue => ErrorPolicy.Continue,
        ErrorStrategy.Skip => ErrorPolicy.Skip,
        ErrorStrategy.Retry => ErrorPolicy.Retry(MaxRetries, TimeSpan.FromMilliseconds(1), then: Fallback switch
        {
            ErrorStrategy.Continue => ErrorPolicy.Continue,
            ErrorStrategy.Skip => ErrorPolicy.Skip,
            _ => ErrorPolicy.Stop,
        }),
        _ => ErrorPolicy.Stop,
    };

    /// <summary>What happens to a run that threw on <paramref name="attempt"/>: Retry while retries are left, else the final strategy.</summary>
    public ErrorStrategy OnThrow(int attempt) =>
        Strategy != ErrorStrategy.Retry ? Strategy : attempt <= MaxRetries ? ErrorStrategy.Retry : Fallback;

    public int MaxRuns => Strategy == ErrorStrategy.Retry ? MaxRetries + 1 : 1;

    public override string ToString() =>
        Strategy == ErrorStrategy.Retry ? $"Retry({MaxRetries})->{Fallback}" : Strategy.ToString();
}

/// <summary>A slot's queue settings; <see langword="null"/> capacity or policy leaves the declared one.</summary>
internal sealed record SlotSpec(string Name, int? Capacity, QueueFullPolicy? Policy)
{
    public QueueFullPolicy EffectivePolicy => Policy ?? QueueFullPolicy.Wait;
}

/// <summary>One routine of the flow and how it behaves.</summary>
internal sealed record NodeSpec(
    int Index,
    NodeKind Kind,
    int Fanout,
    int FaultPercent,
    int SelfCancelPercent,
    int AwaitPercent,
    bool Gated,
    PolicySpec? OwnPolicy,
    SlotSpec[] Slots)
{
    public string Id => $"r{Index}";

    public bool Throws => Kind is NodeKind.Relay or NodeKind.AsyncRelay or NodeKind.RetryRelay or NodeKind.ContinueRelay;

    public bool Emits => Kind is not (NodeKind.Join or NodeKind.Sink);

    public bool Buffered => Kind is NodeKind.SmallBatch or NodeKind.WideBatch or NodeKind.Custom or NodeKind.Interval or NodeKind.Join;

    /// <summary>The policy the runtime must apply: the routine's own in the builder, then its attribute, then the flow's, then Stop.</summary>
    public PolicySpec EffectivePolicy(PolicySpec? flowPolicy) => OwnPolicy ?? Kind switch
    {
        NodeKind.RetryRelay => new PolicySpec(ErrorStrategy.Retry, 2, ErrorStrategy.Skip),
        NodeKind.ContinueRelay => new PolicySpec(ErrorStrategy.Continue, 0, ErrorStrategy.Stop),
        _ => flowPolicy ?? PolicySpec.Stop,
    };

    public string Describe()
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{Id}:{Kind}");
        if (Fanout != 1)
        {
            text.Append(CultureInfo.InvariantCulture, $" x{Fanout}");
        }

        if (FaultPercent > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" faults {FaultPercent}%");
        }

        if (SelfCancelPercent > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" self-cancel {SelfCancelPercent}%");
        }

        if (AwaitPercent > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" awaits {AwaitPercent}%");
        }

        if (Gated)
        {
            text.Append(" gated");
        }

        if (OwnPolicy is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $" onError {OwnPolicy}");
        }

        foreach (var slot in Slots.Where(s => s.Capacity is not null || s.Policy is not null))
        {
            text.Append(CultureInfo.InvariantCulture, $" {slot.Name}[{slot.Capacity?.ToString(CultureInfo.InvariantCulture) ?? "-"},{slot.Policy?.ToString() ?? "-"}]");
        }

        return text.ToString();
    }
}

/// <summary>A connection from a routine's event to a slot of another.</summary>
internal sealed record EdgeSpec(int From, int To, string ToSlot)
{
    public override string ToString() => $"r{From}->r{To}.{ToSlot}";
}

/// <summary>One job: how it starts, what it posts where, and its settings.</summary>
internal sealed record JobSpec(int Index, StartMethod Method, int[] InputEntries, int DelayMs, int? TimeoutMs, bool CallerToken, bool Hold, int Worker)
{
    public string Id => $"j{Index}";

    public string Describe() =>
        $"{Id}:{Method} w{Worker} inputs->[{string.Join(",", InputEntries.Select(e => "r" + e.ToString(CultureInfo.InvariantCulture)))}] at {DelayMs}ms" +
        (TimeoutMs is { } t ? $" timeout {t}ms" : string.Empty) + (CallerToken ? " token" : string.Empty) + (Hold ? " hold" : string.Empty);
}

/// <summary>One chaos action at a time after the scenario starts.</summary>
internal sealed record ChaosSpec(int Index, ChaosKind Kind, int AtMs, int Job, int DurationMs, int Worker)
{
    public string Describe() => Kind switch
    {
        ChaosKind.PauseResume => $"c{Index}:pause w{Worker} at {AtMs}ms for {DurationMs}ms",
        ChaosKind.CancelJob or ChaosKind.CancelCallerToken => $"c{Index}:{Kind} j{Job} at {AtMs}ms",
        ChaosKind.CancelWorker => $"c{Index}:cancel w{Worker} at {AtMs}ms",
        _ => $"c{Index}:dispose at {AtMs}ms",
    };
}

/// <summary>A whole scenario: a flow, its workers, jobs and chaos. Generated from a seed, made smaller by the reducer.</summary>
internal sealed record ScenarioSpec(
    int Seed,
    NodeSpec[] Nodes,
    EdgeSpec[] Edges,
    int[] Entries,
    PolicySpec? FlowPolicy,
    int Workers,
    JobSpec[] Jobs,
    ChaosSpec[] Chaos)
{
    public NodeSpec Node(int index) => Nodes.First(n => n.Index == index);

    public bool HasChaos(ChaosKind kind) => Chaos.Any(c => c.Kind == kind);

    /// <summary>Whether any slot may drop or refuse messages, which makes a job's inputs depend on timing.</summary>
    public bool AllSlotsWait => Nodes.All(n => n.Slots.All(s => s.EffectivePolicy == QueueFullPolicy.Wait));

    public string Describe()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"  flow policy: {FlowPolicy?.ToString() ?? "(default Stop)"}; workers: {Workers}; entries: {string.Join(",", Entries.Select(e => "r" + e.ToString(CultureInfo.InvariantCulture)))}");
        foreach (var node in Nodes)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {node.Describe()}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"  edges: {string.Join(" ", Edges.Select(e => e.ToString()))}");
        foreach (var job in Jobs)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {job.Describe()}");
        }

        foreach (var chaos in Chaos)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {chaos.Describe()}");
        }

        return text.ToString();
    }
}
