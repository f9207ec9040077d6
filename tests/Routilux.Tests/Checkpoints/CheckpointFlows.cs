namespace Routilux.Tests.Checkpoints;

/// <summary>The flows the checkpoint tests run, built the same way in the process that checkpoints and the one that resumes.</summary>
internal static class CheckpointFlows
{
    /// <summary>source.Out -> sink.In, entry source.Go; the sink's gate, if any, is the one given.</summary>
    public static (Flow Flow, SlotPort<int> Go) SourceToSink(TaskCompletionSource? gate = null)
    {
        var builder = new FlowBuilder("ck-chain");
        var source = builder.Add<CkSource>("source");
        var sink = builder.Add("sink", () => new CkSink { Gate = gate });
        builder.Connect(source.GetEventPort<int>(0), sink.GetSlotPort<int>(0));
        var go = source.GetSlotPort<int>(0);
        builder.Entry(go);
        return (builder.Build(), go);
    }

    /// <summary>One flaky routine, entry flaky.In.</summary>
    public static (Flow Flow, SlotPort<int> In) Flaky()
    {
        var builder = new FlowBuilder("ck-flaky");
        var flaky = builder.Add<CkFlaky>("flaky");
        var input = flaky.GetSlotPort<int>(0);
        builder.Entry(input);
        return (builder.Build(), input);
    }

    /// <summary>One routine with a batch slot and a join, every slot an entry.</summary>
    public static (Flow Flow, SlotPort<int> Batch, SlotPort<int> A, SlotPort<int> B) Buffers()
    {
        var builder = new FlowBuilder("ck-buffers");
        var buffers = builder.Add<CkBuffers>("buffers");
        var (batch, a, b) = (buffers.GetSlotPort<int>(0), buffers.GetSlotPort<int>(1), buffers.GetSlotPort<int>(2));
        builder.Entry(batch);
        builder.Entry(a);
        builder.Entry(b);
        return (builder.Build(), batch, a, b);
    }

    /// <summary>Waits until every job of <paramref name="worker"/> restored from a checkpoint has completed; returns their statuses by id.</summary>
    public static async Task<Dictionary<string, JobStatus>> CompleteAll(Worker worker)
    {
        var statuses = new Dictionary<string, JobStatus>(StringComparer.Ordinal);
        foreach (var job in worker.ActiveJobs.ToList())
        {
            statuses[job.Id] = await job.Completion.Within();
        }

        return statuses;
    }
}
