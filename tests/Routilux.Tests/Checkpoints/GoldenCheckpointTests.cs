using System.IO;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Time.Testing;

namespace Routilux.Tests.Checkpoints;

/// <summary>
/// A format-1 checkpoint document committed under tests/Routilux.Tests/Golden, resumed by the current code: a change
/// that breaks checkpoints already saved by users fails here. ROUTILUX_UPDATE_GOLDEN=1 writes the file afresh, which
/// is only right when the format number goes up (and the old file is kept beside the new one).
/// </summary>
public sealed class GoldenCheckpointTests
{
    private const string FileName = "checkpoint-v1.json";

    [Fact]
    public async Task The_committed_format_1_checkpoint_resumes_and_its_jobs_complete()
    {
        if (Environment.GetEnvironmentVariable("ROUTILUX_UPDATE_GOLDEN") == "1")
        {
            await File.WriteAllBytesAsync(Path.Combine(SourceFolder(), "Golden", FileName), await WriteGolden());
        }

        var document = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Golden", FileName));
        var store = new InMemoryWorkerStore();
        await store.SaveCheckpointAsync(new WorkerCheckpoint("golden", 1, "ck-chain", new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), document));
        await using var runtime = new Runtime();
        var (flow, go) = CheckpointFlows.SourceToSink();
        var worker = await runtime.ResumeWorkerAsync(store, "golden", flow).Within();
        var sink = worker.GetRoutine<CkSink>("sink");
        Assert.True(worker.IsPaused);
        Assert.Equal(3, sink.Total);
        Assert.Equal(["golden-job-2", "golden-job-3"], worker.ActiveJobs.Select(j => j.Id).Order(StringComparer.Ordinal));
        Assert.True(worker.TryGetJob("golden-job-2", out var job));
        Assert.Equal("blue", job.Data["colour"]);
        Assert.Equal(3, worker.History.Count);
        worker.Resume();
        await CheckpointFlows.CompleteAll(worker);
        Assert.Equal(3 + 6 + 10, sink.Total);
        Assert.Equal(["golden/sink/In/1", "golden/sink/In/2", "golden/sink/In/3", "golden/sink/In/4", "golden/sink/In/5", "golden/sink/In/6", "golden/sink/In/7", "golden/sink/In/8", "golden/sink/In/9"], sink.Ids);

        // A new job gets an id after the restored ones.
        var next = await worker.RunAsync(go, 1);
        Assert.Equal(JobStatus.Completed, next.Status);
        Assert.Equal("golden-job-4", next.Id);
    }

    /// <summary>The golden scenario: one job done, two queued behind a pause, on a fake clock so the document is the same every time.</summary>
    private static async Task<byte[]> WriteGolden()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var (flow, go) = CheckpointFlows.SourceToSink();
        await using var runtime = new Runtime(new RuntimeOptions { TimeProvider = clock });
        var worker = runtime.CreateWorker(flow, new WorkerOptions { Id = "golden" });
        await worker.RunAsync(go, 2);
        worker.Pause("golden");
        await worker.StartAsync(go, 3, new JobOptions { Data = new Dictionary<string, object?> { ["colour"] = "blue" } });
        await worker.StartAsync(go, 4);
        var checkpoint = await worker.CheckpointAsync();
        return checkpoint.Document.ToArray();
    }

    private static string SourceFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(Path.GetDirectoryName(path)!)!;
}
