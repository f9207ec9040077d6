using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Json;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;
using BdnJob = BenchmarkDotNet.Jobs.Job;

namespace Routilux.Benchmarks.Infrastructure;

/// <summary>The suite's BenchmarkDotNet configuration: jobs, columns, exporters.</summary>
public static class SuiteConfig
{
    /// <summary>
    /// The proper job: one launch, 3 warmup and 10 measured iterations; the pilot stage picks invocations per
    /// iteration (one for the million-message benchmarks, many for the microsecond ones).
    /// </summary>
    public static BdnJob FullJob { get; } = BdnJob.Default
        .WithId("Full")
        .WithLaunchCount(1)
        .WithWarmupCount(3)
        .WithIterationCount(10);

    /// <summary>
    /// The quick check: one launch, 1 warmup and 3 measured iterations of at least 100 ms. Message counts stay as in
    /// the full job, so ns/hop and B/msg stay comparable with it; the time saved is in iterations.
    /// </summary>
    public static BdnJob ShortJob { get; } = BdnJob.Default
        .WithId("Short")
        .WithLaunchCount(1)
        .WithWarmupCount(1)
        .WithIterationCount(3)
        .WithIterationTime(TimeInterval.FromMilliseconds(100));

    /// <summary>Builds the configuration.</summary>
    /// <param name="shortMode">Use <see cref="ShortJob"/> instead of <see cref="FullJob"/>.</param>
    /// <param name="jobFromCommandLine">
    /// The command line names a job (<c>--job Dry</c>): add none here, since BenchmarkDotNet would run both.
    /// </param>
    public static IConfig Create(bool shortMode, bool jobFromCommandLine)
    {
        var defaults = DefaultConfig.Instance;
        var config = ManualConfig.CreateEmpty()
            .AddLogger(defaults.GetLoggers().ToArray())
            .AddAnalyser(defaults.GetAnalysers().ToArray())
            .AddValidator(defaults.GetValidators().ToArray())
            .AddColumnProvider(defaults.GetColumnProviders().ToArray())
            .AddColumn(StatisticColumn.Median, new OperationColumn(), new BytesPerMessageColumn())
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddExporter(MarkdownExporter.GitHub, JsonExporter.Full)
            .WithOptions(defaults.Options);
        if (!jobFromCommandLine)
        {
            config.AddJob(shortMode ? ShortJob : FullJob);
        }

        return config;
    }
}
