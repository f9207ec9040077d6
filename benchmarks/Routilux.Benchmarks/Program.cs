using BenchmarkDotNet.Running;
using Routilux.Benchmarks.Infrastructure;
using Routilux.Benchmarks.Scenarios;

namespace Routilux.Benchmarks;

/// <summary>
/// Runs the suite. Every BenchmarkDotNet argument works (<c>--filter</c>, <c>--list flat</c>, <c>--job Dry</c> ...);
/// <c>--short</c> switches the default job to the quick one (see <see cref="SuiteConfig.ShortJob"/>).
/// <c>--scenario colocated|idle-workers|all</c> runs the wall-clock scenarios instead (see <see cref="ScenarioRunner"/>).
/// </summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static int Main(string[] args)
    {
        if (ScenarioRunner.Requested(args))
        {
            return ScenarioRunner.Run(args);
        }

        var shortMode = args.Contains("--short", StringComparer.Ordinal);
        var rest = args.Where(a => !string.Equals(a, "--short", StringComparison.Ordinal)).ToArray();
        var jobFromCommandLine = rest.Any(a => a is "--job" or "-j" || a.StartsWith("--job=", StringComparison.Ordinal));
        var config = SuiteConfig.Create(shortMode, jobFromCommandLine);
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest, config).ToList();
        MetaWriter.Write(summaries);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
