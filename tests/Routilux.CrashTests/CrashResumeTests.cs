using System.Diagnostics;
using Xunit.Abstractions;

namespace Routilux.CrashTests;

/// <summary>
/// The documented guarantee, under real crashes: a child process runs a numbered stream through a stateful flow on a
/// SQLite file with automatic checkpoints; the test kills it with SIGKILL at random moments, at least 20 times, and
/// restarts it each time (it resumes from the store). At the end the routines' state equals an uninterrupted run's,
/// and no number was lost, applied twice or reordered: state and in-flow messages exactly once relative to the last
/// checkpoint (docs/durable-state.md, "Checkpoints and the guarantee").
/// </summary>
public sealed class CrashResumeTests(ITestOutputHelper output) : IDisposable
{
    // 100,000 numbers in chunks of 100 with 2 ms per chunk: at least 2 s of stream, so 20 kills land inside it (40,000
    // ran out after 16 kills on a 2-core machine).
    private static readonly CrashSettings Settings = new(Total: 100_000, Chunk: 100, PauseMsPerChunk: 2, CheckpointAfterRuns: 250);
    private const int Kills = 20;

    private readonly string _folder = Directory.CreateTempSubdirectory("routilux-crash-").FullName;

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
    public async Task A_stream_killed_with_SIGKILL_at_random_moments_ends_with_the_state_of_an_uninterrupted_run()
    {
        // ROUTILUX_CRASH_SEED=<n> replays a run's kill moments.
        var seed = int.TryParse(Environment.GetEnvironmentVariable("ROUTILUX_CRASH_SEED"), out var given) ? given : 20261114;
        output.WriteLine($"seed {seed} (replay: ROUTILUX_CRASH_SEED={seed} dotnet test tests/Routilux.CrashTests)");
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();

        var expected = await RunToTheEndAsync(Path.Combine(_folder, "reference.db"));
        output.WriteLine($"uninterrupted: {expected} ({clock.Elapsed.TotalSeconds:F1} s)");
        Assert.Equal(
            $"count={Settings.Total} sum={Settings.Total * (Settings.Total - 1) / 2} checksum={Fnv(Settings.Total):x16} expected={Settings.Total} outOfOrder=0 next={Settings.Total} total={Settings.Total} mismatches=0",
            expected);

        var database = Path.Combine(_folder, "crashed.db");
        var kills = 0;
        var resumed = 0;
        while (kills < Kills)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), $"{kills} kills in {clock.Elapsed}: the loop is bounded at two minutes (seed {seed})");
            using var child = ChildProcess.Start(database, Settings);
            var ready = await child.Ready.WaitAsync(TimeSpan.FromSeconds(60));
            resumed += ready.Contains("resumed", StringComparison.Ordinal) ? 1 : 0;

            // Anywhere from at once to well into the stream; a run that finishes first ends the loop early, and fails below.
            await Task.Delay(random.Next(0, 250));
            if (child.HasExited)
            {
                break;
            }

            await child.KillAsync();
            kills++;
            output.WriteLine($"kill {kills}: after '{ready}'");
        }

        var actual = await RunToTheEndAsync(database);
        output.WriteLine($"after {kills} kills ({resumed} resumes): {actual} ({clock.Elapsed.TotalSeconds:F1} s)");

        Assert.True(kills >= Kills, $"the stream finished after only {kills} kills (seed {seed}): make it longer");
        Assert.True(resumed > 0, "no run resumed from a checkpoint: the kills all came before the first one");
        Assert.Equal(expected, actual);
    }

    private static async Task<string> RunToTheEndAsync(string database)
    {
        using var child = ChildProcess.Start(database, Settings);
        var final = await child.Final.WaitAsync(TimeSpan.FromMinutes(2));
        var exitCode = await child.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.True(exitCode == 0, $"the child exited {exitCode}:{Environment.NewLine}{child.Output}");
        return final;
    }

    // The accumulator's checksum of 0 .. total − 1 in order, computed here independently.
    private static ulong Fnv(long total)
    {
        var hash = 14695981039346656037UL;
        for (long value = 0; value < total; value++)
        {
            hash = unchecked((hash ^ (ulong)value) * 1099511628211UL);
        }

        return hash;
    }
}
