using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Routilux.Tests.Checkpoints;

/// <summary>
/// A damaged or foreign checkpoint never resumes silently: each way a document can be wrong gives a
/// RoutiluxSerializationException naming the worker and the checkpoint's sequence, and saying what to do.
/// </summary>
public sealed class CheckpointDocumentErrorTests
{
    private const string WorkerId = "w-errors";

    [Fact]
    public async Task A_format_newer_than_the_code_names_both_versions_and_the_worker()
    {
        var error = await ResumeDamaged(envelope => envelope["format"] = 2);
        Assert.Contains("format 2", error.Message);
        Assert.Contains("format 1", error.Message);
    }

    [Fact]
    public async Task A_missing_format_is_an_error()
    {
        var error = await ResumeDamaged(envelope => envelope.Remove("format"));
        Assert.Contains("no \"format\"", error.Message);
    }

    [Fact]
    public async Task A_format_that_is_not_an_integer_is_an_error()
    {
        var error = await ResumeDamaged(envelope => envelope["format"] = "1");
        Assert.Contains("not an integer", error.Message);
        var fraction = await ResumeDamaged(envelope => envelope["format"] = 1.5);
        Assert.Contains("not an integer", fraction.Message);
    }

    [Fact]
    public async Task Bad_json_is_an_error()
    {
        var (store, checkpoint) = await TakeCheckpoint();
        var bytes = checkpoint.Document.ToArray();
        var error = await Resume(store, checkpoint, bytes.AsSpan(0, bytes.Length / 2).ToArray());
        Assert.Contains("not valid JSON", error.Message);
    }

    [Fact]
    public async Task A_changed_byte_in_the_body_fails_the_checksum()
    {
        var (store, checkpoint) = await TakeCheckpoint();
        var text = Encoding.UTF8.GetString(checkpoint.Document.Span);
        var damaged = text.Replace("\"total\":6", "\"total\":7", StringComparison.Ordinal);
        Assert.NotEqual(text, damaged);
        var error = await Resume(store, checkpoint, Encoding.UTF8.GetBytes(damaged));
        Assert.Contains("checksum", error.Message);
    }

    [Fact]
    public async Task A_state_version_newer_than_the_routine_names_both_versions_and_the_worker()
    {
        var error = await ResumeDamaged(envelope =>
        {
            var body = envelope["body"]!.AsObject();
            body["sequence"] = 2;
            body["routines"]!.AsArray().Single(r => (string?)r!["id"] == "sink")!["stateVersion"] = 3;
            envelope["checksum"] = "sha256:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(body.ToJsonString()))).ToLowerInvariant();
        });
        Assert.Contains("state version 3", error.Message);
        Assert.Contains("version 1", error.Message);
        Assert.Contains("'sink'", error.Message);
    }

    [Fact]
    public async Task A_flow_of_another_structure_names_what_differs()
    {
        var (store, _) = await TakeCheckpoint();
        var builder = new FlowBuilder("ck-chain");
        var source = builder.Add<CkSource>("source");
        var flaky = builder.Add<CkFlaky>("sink");
        builder.Connect(source.GetEventPort<int>(0), flaky.GetSlotPort<int>(0));
        builder.Entry(source.GetSlotPort<int>(0));
        await using var runtime = new Runtime();
        var error = await Assert.ThrowsAsync<RoutiluxSerializationException>(() => runtime.ResumeWorkerAsync(store, WorkerId, builder.Build()));
        Assert.Contains($"worker '{WorkerId}'", error.Message);
        Assert.Contains("routine 'sink' is a CkSink in the checkpoint but a CkFlaky in the flow", error.Message);

        var alone = new FlowBuilder("ck-chain");
        alone.Entry(alone.Add<CkSource>("source").GetSlotPort<int>(0));
        var missing = await Assert.ThrowsAsync<RoutiluxSerializationException>(() => runtime.ResumeWorkerAsync(store, WorkerId, alone.Build()));
        Assert.Contains("routine 'sink' (CkSink) is in the checkpoint but not in the flow", missing.Message);
        Assert.Contains("connection source.Out -> sink.In is in the checkpoint but not in the flow", missing.Message);
        Assert.Empty(runtime.Workers);
    }

    [Fact]
    public async Task A_store_without_a_checkpoint_of_the_worker_says_so()
    {
        await using var runtime = new Runtime();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => runtime.ResumeWorkerAsync(new InMemoryWorkerStore(), "nobody", CheckpointFlows.SourceToSink().Flow));
        Assert.Contains("no checkpoint of worker 'nobody'", error.Message);
    }

    private static async Task<RoutiluxSerializationException> ResumeDamaged(Action<JsonObject> damage)
    {
        var (store, checkpoint) = await TakeCheckpoint();
        var envelope = JsonNode.Parse(checkpoint.Document.Span)!.AsObject();
        damage(envelope);
        return await Resume(store, checkpoint, Encoding.UTF8.GetBytes(envelope.ToJsonString()));
    }

    private static async Task<RoutiluxSerializationException> Resume(InMemoryWorkerStore store, WorkerCheckpoint checkpoint, byte[] document)
    {
        await store.SaveCheckpointAsync(new WorkerCheckpoint(checkpoint.WorkerId, checkpoint.Sequence + 1, checkpoint.FlowId, checkpoint.CreatedAt, document));
        await using var runtime = new Runtime();
        var error = await Assert.ThrowsAsync<RoutiluxSerializationException>(
            () => runtime.ResumeWorkerAsync(store, WorkerId, CheckpointFlows.SourceToSink().Flow));
        Assert.Contains($"worker '{WorkerId}'", error.Message);
        Assert.Contains($"checkpoint {checkpoint.Sequence + 1}", error.Message);
        Assert.Empty(runtime.Workers);
        return error;
    }

    private static async Task<(InMemoryWorkerStore Store, WorkerCheckpoint Checkpoint)> TakeCheckpoint()
    {
        var store = new InMemoryWorkerStore();
        var (flow, go) = CheckpointFlows.SourceToSink();
        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow, new WorkerOptions { Id = WorkerId, Store = store });
        await worker.RunAsync(go, 3);
        return (store, await worker.CheckpointAsync().Within());
    }
}
