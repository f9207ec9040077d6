namespace Routilux.Tests.Model;

/// <summary>What the oracle says one job must see when nothing drops, refuses or stops its messages.</summary>
internal sealed class Prediction
{
    /// <summary>The messages each slot handles ("r3.In" → paths); a join slot's paired and unpaired ones together.</summary>
    public Dictionary<string, List<string>> Arrivals { get; } = new(StringComparer.Ordinal);

    /// <summary>Messages whose handler ends in Stop: if any of them runs, the job fails.</summary>
    public List<string> StopFailures { get; } = new();

    /// <summary>Messages whose handler cancels the job.</summary>
    public List<string> SelfCancels { get; } = new();

    /// <summary>Errors the job goes on after (Continue and Skip), which <see cref="Job.Errors"/> lists.</summary>
    public int ContinuedErrors { get; set; }

    public List<string> At(string slot) => Arrivals.TryGetValue(slot, out var list) ? list : Arrivals[slot] = new List<string>();
}

/// <summary>
/// The model's oracle: follows a job's inputs through the scenario's flow the way the documented semantics say they
/// must travel, asking <see cref="ModelHash"/> the same questions the handlers ask, so it knows without running
/// anything which messages every slot must handle, which runs throw, retry, continue, skip or stop, and which cancel
/// their job. Buffered activations change when a handler runs, never what it gets over the whole job, so the batch
/// routines simply pass each item on.
/// </summary>
internal static class ModelOracle
{
    public static Prediction Predict(ScenarioSpec spec, IEnumerable<(int Entry, ModelToken Token)> inputs)
    {
        var prediction = new Prediction();
        var work = new Queue<(NodeSpec Node, string Slot, ModelToken Token)>();
        foreach (var (entry, token) in inputs)
        {
            work.Enqueue((spec.Node(entry), "In", token));
        }

        while (work.Count > 0)
        {
            var (node, slot, token) = work.Dequeue();
            prediction.At($"{node.Id}.{slot}").Add(token.Path);
            foreach (var child in Handle(spec, node, token, prediction))
            {
                foreach (var edge in spec.Edges.Where(e => e.From == node.Index))
                {
                    work.Enqueue((spec.Node(edge.To), edge.ToSlot, child));
                }
            }
        }

        return prediction;
    }

    /// <summary>What one message's handling delivers downstream.</summary>
    private static ModelToken[] Handle(ScenarioSpec spec, NodeSpec node, ModelToken token, Prediction prediction)
    {
        if (!node.Emits)
        {
            return [];
        }

        if (!node.Throws)
        {
            return [token.Child(node.Id, 0)];
        }

        if (ModelHash.CancelsJob(node.Id, token.Path, node.SelfCancelPercent))
        {
            prediction.SelfCancels.Add($"{node.Id} {token.Path}");
        }

        var children = Enumerable.Range(0, node.Fanout).Select(i => token.Child(node.Id, i)).ToArray();
        var policy = node.EffectivePolicy(spec.FlowPolicy);
        for (var attempt = 1; ; attempt++)
        {
            if (!ModelHash.Throws(node.Id, token.Path, attempt, node.FaultPercent))
            {
                return children;
            }

            switch (policy.OnThrow(attempt))
            {
                case ErrorStrategy.Retry:
                    continue;
                case ErrorStrategy.Continue:
                    prediction.ContinuedErrors++;

                    // The sync relays emit before they throw, and Continue keeps that; the async relay throws first.
                    return node.Kind == NodeKind.AsyncRelay ? [] : children;
                case ErrorStrategy.Skip:
                    prediction.ContinuedErrors++;
                    return [];
                default:
                    prediction.StopFailures.Add($"{node.Id} {token.Path}");
                    return [];
            }
        }
    }
}
