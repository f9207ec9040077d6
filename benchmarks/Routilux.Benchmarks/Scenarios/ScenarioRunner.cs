using System.Globalization;

namespace Routilux.Benchmarks.Scenarios;

/// <summary>How long a scenario measures and where it writes.</summary>
/// <param name="Rounds">Rounds; each measures every configuration once, interleaved, and the report takes medians.</param>
/// <param name="WarmUp">Time each configuration runs before its window starts.</param>
/// <param name="Window">The measured window of each configuration.</param>
public sealed record ScenarioSettings(int Rounds, TimeSpan WarmUp, TimeSpan Window);

/// <summary>
/// The scenario mode of the benchmark program: <c>--scenario colocated|idle-workers|all</c>. These scenarios measure
/// two parties at once over a wall-clock window (a stream and a workload; CPU time against wall time), which
/// BenchmarkDotNet's per-invocation model does not fit, so they run here, in this process, and write
/// <c>&lt;id&gt;-scenario.json</c> and <c>.md</c> into <c>BenchmarkDotNet.Artifacts/results</c> beside the suite's reports.
/// </summary>
public static class ScenarioRunner
{
    /// <summary>The scenarios, by name: what each runs and its default settings.</summary>
    private static readonly Dictionary<string, (Func<ScenarioSettings, ScenarioReport> Run, ScenarioSettings Defaults, ScenarioSettings Quick)> Scenarios =
        new(StringComparer.Ordinal)
        {
            ["colocated"] = (ColocatedScenario.Run,
                new ScenarioSettings(3, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(3)),
                new ScenarioSettings(1, TimeSpan.FromSeconds(0.2), TimeSpan.FromSeconds(1))),
            ["idle-workers"] = (IdleWorkersScenario.Run,
                new ScenarioSettings(2, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)),
                new ScenarioSettings(1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2))),
        };

    /// <summary>Whether the command line asks for a scenario instead of BenchmarkDotNet.</summary>
    public static bool Requested(string[] args) => args.Any(a => a == "--scenario" || a.StartsWith("--scenario=", StringComparison.Ordinal));

    /// <summary>
    /// Runs the scenarios named on the command line. Options: <c>--rounds N</c>, <c>--warmup SECONDS</c>,
    /// <c>--window SECONDS</c>, <c>--quick</c> (one short round: does it run?), <c>--artifacts DIR</c> (results go to
    /// DIR/results, as with BenchmarkDotNet).
    /// </summary>
    /// <returns>0 when every scenario ran and passed its checks, 1 on a wrong result or error, 2 on bad arguments.</returns>
    public static int Run(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var options = Options.Parse(args);
        if (options.Error is not null)
        {
            Console.Error.WriteLine(options.Error);
            Console.Error.WriteLine($"Usage: --scenario {string.Join('|', Scenarios.Keys)}|all [--rounds N] [--warmup S] [--window S] [--quick] [--artifacts DIR]");
            return 2;
        }

#if DEBUG
        Console.Error.WriteLine("// Warning: a Debug build. Run the scenarios with -c Release; these figures mean nothing.");
#endif
        var names = options.Scenario == "all" ? Scenarios.Keys.ToArray() : [options.Scenario!];
        var results = Path.Combine(options.Artifacts ?? Path.Combine(Directory.GetCurrentDirectory(), "BenchmarkDotNet.Artifacts"), "results");
        foreach (var name in names)
        {
            var (run, defaults, quick) = Scenarios[name];
            var basis = options.Quick ? quick : defaults;
            var settings = new ScenarioSettings(options.Rounds ?? basis.Rounds, options.WarmUp ?? basis.WarmUp, options.Window ?? basis.Window);
            try
            {
                var report = run(settings);
                if (options.Quick)
                {
                    report.Parameters["mode"] = "quick (a check that it runs, not a measurement)";
                }

                Console.WriteLine();
                Console.WriteLine(report.Write(results));
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
            {
                Console.Error.WriteLine($"// Scenario '{name}' failed: {ex}");
                return 1;
            }
        }

        return 0;
    }

    private sealed class Options
    {
        public string? Scenario { get; private set; }

        public int? Rounds { get; private set; }

        public TimeSpan? WarmUp { get; private set; }

        public TimeSpan? Window { get; private set; }

        public bool Quick { get; private set; }

        public string? Artifacts { get; private set; }

        public string? Error { get; private set; }

        public static Options Parse(string[] args)
        {
            var options = new Options();
            for (var i = 0; i < args.Length; i++)
            {
                var (name, inline) = args[i].Split('=', 2) is [var n, var v] ? (n, v) : (args[i], null);
                string? Value() => inline ?? (i + 1 < args.Length ? args[++i] : null);
                switch (name)
                {
                    case "--scenario":
                        options.Scenario = Value();
                        break;
                    case "--rounds":
                        options.Rounds = int.TryParse(Value(), CultureInfo.InvariantCulture, out var rounds) && rounds > 0 ? rounds : options.Fail("--rounds takes a positive whole number.");
                        break;
                    case "--warmup":
                        options.WarmUp = options.Seconds(Value(), "--warmup");
                        break;
                    case "--window":
                        options.Window = options.Seconds(Value(), "--window");
                        break;
                    case "--quick":
                        options.Quick = true;
                        break;
                    case "--artifacts":
                        options.Artifacts = Value();
                        break;
                    default:
                        options.Fail($"Unknown option '{args[i]}' in scenario mode (BenchmarkDotNet's options do not apply here).");
                        break;
                }
            }

            if (options.Error is null && (options.Scenario is null || (options.Scenario != "all" && !Scenarios.ContainsKey(options.Scenario))))
            {
                options.Fail($"Unknown scenario '{options.Scenario}'.");
            }

            return options;
        }

        private TimeSpan? Seconds(string? text, string option) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
                ? TimeSpan.FromSeconds(seconds)
                : Fail<TimeSpan?>($"{option} takes a positive number of seconds.");

        private int? Fail(string message) => Fail<int?>(message);

        private T? Fail<T>(string message)
        {
            Error ??= message;
            return default;
        }
    }
}
