using System.Diagnostics;
using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace Routilux.Tests.Model;

/// <summary>
/// The model test runs alone: it keeps both cores busy for its whole time budget, and other tests' timing-sensitive
/// waits (and its own hang bounds) should not compete with it.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RuntimeModelRunsAlone
{
    public const string Name = "Runtime model (runs alone)";
}

/// <summary>
/// A randomized model-based test of the runtime (issue 17): seeded random flows, policies, capacities, jobs and
/// chaos, checked against an oracle and the documented invariants (see <see cref="InvariantChecker"/>,
/// <see cref="ModelNode"/> and <see cref="ScenarioRun"/>). Modes and replay: <see cref="ModelSettings"/>.
/// </summary>
[Collection(RuntimeModelRunsAlone.Name)]
public sealed class RuntimeModelTests
{
    private readonly ITestOutputHelper _output;

    public RuntimeModelTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task Random_scenarios_keep_the_runtime_invariants()
    {
        var settings = ModelSettings.FromEnvironment();
        if (settings.ReplaySeed is { } seed)
        {
            await ReplayAsync(settings, seed);
            return;
        }

        var clock = Stopwatch.StartNew();
        var scenarios = 0;
        var jobs = 0;
        var runs = 0L;
        var failures = new List<(int Seed, ModelViolation Violation)>();
        Log($"model: seeds from {settings.FirstSeed}, budget {settings.Budget.TotalSeconds} s");
        for (var next = settings.FirstSeed; clock.Elapsed < settings.Budget; next++)
        {
            var spec = ScenarioGenerator.Generate(next);
            var outcome = await ScenarioRun.RunAsync(spec, settings.Bound);
            scenarios++;
            jobs += outcome.Jobs;
            runs += outcome.HandlerRuns;
            if (outcome.Violations.Count == 0)
            {
                continue;
            }

            foreach (var violation in outcome.Violations.DistinctBy(v => v.Kind))
            {
                failures.Add((next, violation));
                Log($"model: seed {next}: {violation}");
            }

            if (!settings.KeepGoing)
            {
                break;
            }
        }

        var summary = $"model: {scenarios} scenarios, {jobs} jobs, {runs} handler runs, {failures.Count} violation(s) in {clock.Elapsed.TotalSeconds:F0} s";
        Log(summary);
        Report(settings, summary);
        if (failures.Count == 0)
        {
            return;
        }

        var message = new StringBuilder(summary).AppendLine();
        foreach (var kind in failures.GroupBy(f => f.Violation.Kind))
        {
            message.AppendLine(CultureInfo.InvariantCulture, $"  [{kind.Key}] seeds {string.Join(", ", kind.Select(f => f.Seed).Distinct().Take(12))}");
        }

        var (firstSeed, firstViolation) = failures[0];
        message.Append(await ReduceAsync(settings, firstSeed, firstViolation));
        Assert.Fail(message.ToString());
    }

    /// <summary>
    /// Scenarios the random run found violations in, reduced, kept as regressions: each runs a few times, since a
    /// race does not show on every run.
    /// </summary>
    [Theory]
    [InlineData(8762597, "n4,n3,d0,p,w")] // one job overfilling a join of capacity 1 through an emitter (bug 2)
    [InlineData(12020255, "c0,c2,h,h,j0")] // a custom buffer of one runs, the worker pauses: the resume must see room
    public async Task Scenarios_that_once_failed_keep_the_runtime_invariants(int seed, string edits)
    {
        var spec = ScenarioReducer.Apply(ScenarioGenerator.Generate(seed), edits.Split(','));
        for (var i = 0; i < 10; i++)
        {
            var outcome = await ScenarioRun.RunAsync(spec, TimeSpan.FromSeconds(10));
            Assert.True(outcome.Violations.Count == 0, $"seed {seed}, run {i + 1}:\n{string.Join("\n", outcome.Violations)}\n{spec.Describe()}");
        }
    }

    private async Task ReplayAsync(ModelSettings settings, int seed)
    {
        var spec = ScenarioReducer.Apply(ScenarioGenerator.Generate(seed), settings.ReplayEdits);
        Log($"model: replaying seed {seed}{(settings.ReplayEdits.Length > 0 ? " reduced by " + string.Join(",", settings.ReplayEdits) : string.Empty)}:");
        Log(spec.Describe());
        for (var i = 0; i < settings.Repeat; i++)
        {
            var outcome = await ScenarioRun.RunAsync(spec, settings.Bound);
            if (outcome.Violations.Count > 0)
            {
                Assert.Fail($"seed {seed}, run {i + 1} of {settings.Repeat}:\n{string.Join("\n", outcome.Violations)}\n{spec.Describe()}" +
                    $"replay: {ModelSettings.ReplayCommand(seed, settings.ReplayEdits)}");
            }
        }

        Log($"model: seed {seed} passed {settings.Repeat} time(s)");
    }

    private async Task<string> ReduceAsync(ModelSettings settings, int seed, ModelViolation violation)
    {
        Log($"model: reducing seed {seed} ({violation.Kind})");
        var (spec, edits, last) = await ScenarioReducer.ReduceAsync(
            ScenarioGenerator.Generate(seed), new List<string>(), violation, settings.Bound, settings.ReduceBudget, Log);
        return $"first failure, seed {seed}, reduced ({spec.Nodes.Length} routines, {spec.Jobs.Length} jobs, {spec.Chaos.Length} chaos actions):\n" +
            $"  {last}\n{spec.Describe()}" +
            $"replay the full scenario: {ModelSettings.ReplayCommand(seed, [])}\n" +
            $"replay the reduced one:   {ModelSettings.ReplayCommand(seed, edits)}\n";
    }

    private void Log(string line)
    {
        _output.WriteLine(line);
        Console.WriteLine(line);
    }

    private static void Report(ModelSettings settings, string summary)
    {
        if (settings.ReportPath is { } path)
        {
            System.IO.File.AppendAllText(path, summary + Environment.NewLine);
        }
    }
}
