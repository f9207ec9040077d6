using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Routilux.CrashTests;

/// <summary>One run of Routilux.CrashTests.Child: started with <c>dotnet</c>, watched line by line, killed with SIGKILL.</summary>
internal sealed class ChildProcess : IDisposable
{
    // The process and what it has printed; _output is appended by the process's reader thread, read under its lock.
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _final = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(Process process)
    {
        _process = process;
    }

    /// <summary>The child's dll, as its build wrote it (the test project's assembly metadata names it).</summary>
    public static string ChildPath { get; } = typeof(ChildProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "CrashChild").Value!;

    /// <summary>Completes with the child's "ready ..." line once it runs the stream (fresh or resumed).</summary>
    public Task<string> Ready => _ready.Task;

    /// <summary>Completes with the child's "final ..." line when the stream is done.</summary>
    public Task<string> Final => _final.Task;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static ChildProcess Start(string database, CrashSettings settings)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { ChildPath, database, $"{settings.Total}", $"{settings.Chunk}", $"{settings.PauseMsPerChunk}", $"{settings.CheckpointAfterRuns}" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        var child = new ChildProcess(new Process { StartInfo = start });
        child._process.OutputDataReceived += (_, e) => child.OnLine(e.Data);
        child._process.ErrorDataReceived += (_, e) => child.OnLine(e.Data is null ? null : "stderr: " + e.Data);
        child._process.Start();
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>SIGKILL on Linux: no finally block, no flush, no dispose runs in the child.</summary>
    public async Task KillAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited on its own just before.
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>Waits for the child to exit by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan bound)
    {
        using var timeout = new CancellationTokenSource(bound);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            // The stream closed: the process is gone; whoever still waits learns it.
            _ready.TrySetException(new InvalidOperationException($"the child exited before it was ready:{Environment.NewLine}{Output}"));
            _final.TrySetException(new InvalidOperationException($"the child exited before it finished:{Environment.NewLine}{Output}"));
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.StartsWith("ready ", StringComparison.Ordinal))
        {
            _ready.TrySetResult(line);
        }
        else if (line.StartsWith("final ", StringComparison.Ordinal))
        {
            _final.TrySetResult(line["final ".Length..]);
        }
    }
}

/// <summary>The stream's size and speed, and how often the child checkpoints.</summary>
internal sealed record CrashSettings(long Total, int Chunk, int PauseMsPerChunk, int CheckpointAfterRuns);
