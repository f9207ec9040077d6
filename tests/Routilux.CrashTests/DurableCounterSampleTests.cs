using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Routilux.CrashTests;

/// <summary>
/// The README's samples/DurableCounter does what it says: killed with SIGKILL after its first checkpoint, it resumes
/// on the next run and finishes with every number counted once.
/// </summary>
public sealed class DurableCounterSampleTests : IDisposable
{
    private static readonly string SamplePath = typeof(DurableCounterSampleTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "DurableCounterSample").Value!;

    private readonly string _folder = Directory.CreateTempSubdirectory("routilux-sample-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    [Fact]
    public async Task Killed_after_a_checkpoint_the_sample_resumes_and_counts_every_number_once()
    {
        var database = Path.Combine(_folder, "durable-counter.db");

        var firstOutput = new StringBuilder();
        using (var first = Start(database, firstOutput, out var firstCheckpoint))
        {
            // The first automatic checkpoint comes after a second of counting.
            await firstCheckpoint.Task.WaitAsync(TimeSpan.FromSeconds(60));
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        var secondOutput = new StringBuilder();
        using var second = Start(database, secondOutput, out _);
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await second.WaitForExitAsync(bound.Token);

        var text = secondOutput.ToString();
        Assert.True(second.ExitCode == 0, $"the resumed run ended with {second.ExitCode}:\n{text}\nfirst run:\n{firstOutput}");
        Assert.Contains("Resumed worker 'durable-counter'", text, StringComparison.Ordinal);
        Assert.Contains("Done: 5,000 numbers, sum 12,502,500 (expected 12,502,500), 0 out of order.", text, StringComparison.Ordinal);
    }

    private static Process Start(string database, StringBuilder output, out TaskCompletionSource firstCheckpoint)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(SamplePath);
        start.ArgumentList.Add(database);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        var checkpointed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        firstCheckpoint = checkpointed;
        var process = new Process { StartInfo = start };
        void OnLine(string? line)
        {
            if (line is null)
            {
                checkpointed.TrySetException(new InvalidOperationException($"the sample exited before its first checkpoint:\n{output}"));
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }

            if (line.Contains("checkpoint 1", StringComparison.Ordinal))
            {
                checkpointed.TrySetResult();
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data is null ? null : "stderr: " + e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
