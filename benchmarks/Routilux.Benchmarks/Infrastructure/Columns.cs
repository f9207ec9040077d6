using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Routilux.Benchmarks.Infrastructure;

/// <summary>Per-message numbers computed from BenchmarkDotNet's raw GC statistics and <see cref="WorkloadAttribute"/>.</summary>
public static class PerMessage
{
    /// <summary>
    /// Bytes allocated (on every thread) per message: the total allocated over all measured invocations divided by
    /// the messages they sent. Unlike Allocated (per operation, rounded to whole bytes), this keeps fractions.
    /// </summary>
    /// <returns>The bytes, or <see langword="null"/> without a memory measurement or for a benchmark that sends no messages.</returns>
    public static double? Bytes(Summary summary, BenchmarkCase benchmarkCase)
    {
        var workload = WorkloadAttribute.Of(benchmarkCase);
        var report = summary[benchmarkCase];
        if (workload is null || workload.Messages == 0 || report is null || !report.Success)
        {
            return null;
        }

        var gc = report.GcStats;
        if (gc.TotalOperations <= 0)
        {
            return null;
        }

        var invocations = (double)gc.TotalOperations / benchmarkCase.Descriptor.OperationsPerInvoke;
        var messages = invocations * workload.Messages;
        return gc.GetTotalAllocatedBytes(excludeAllocationQuantumSideEffects: false) / messages;
    }
}

/// <summary>The B/msg column: bytes allocated per message, see <see cref="PerMessage.Bytes"/>.</summary>
public sealed class BytesPerMessageColumn : IColumn
{
    /// <inheritdoc />
    public string Id => nameof(BytesPerMessageColumn);

    /// <inheritdoc />
    public string ColumnName => "B/msg";

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Metric;

    /// <inheritdoc />
    public int PriorityInCategory => 100;

    /// <inheritdoc />
    public bool IsNumeric => true;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public string Legend => "Bytes allocated per message (all threads): allocated per invocation / messages per invocation";

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        PerMessage.Bytes(summary, benchmarkCase) is { } bytes ? bytes.ToString("0.##", CultureInfo.InvariantCulture) : "-";

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}

/// <summary>The "Per op" column: what one reported operation is (a hop, a delivery, a round trip, a job ...).</summary>
public sealed class OperationColumn : IColumn
{
    /// <inheritdoc />
    public string Id => nameof(OperationColumn);

    /// <inheritdoc />
    public string ColumnName => "Op is";

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Job;

    /// <inheritdoc />
    public int PriorityInCategory => 100;

    /// <inheritdoc />
    public bool IsNumeric => false;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public string Legend => "What one operation is: times and Allocated are per hop (one stage handling one message), per delivery, per round trip or per job";

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        WorkloadAttribute.Of(benchmarkCase)?.Per ?? "-";

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
