using System.Text.Json;
using BenchmarkDotNet.Reports;

namespace Routilux.Benchmarks.Infrastructure;

/// <summary>
/// Writes, next to BenchmarkDotNet's reports, a <c>&lt;Type&gt;-routilux.json</c> file per benchmark class with what
/// the JSON report lacks: each method's role, category, messages per invocation, OperationsPerInvoke and the exact
/// bytes allocated per message. <c>make-results-table.py</c> reads both.
/// </summary>
public static class MetaWriter
{
    /// <summary>Writes the files for <paramref name="summaries"/>.</summary>
    public static void Write(IEnumerable<Summary> summaries)
    {
        foreach (var summary in summaries)
        {
            if (summary.BenchmarksCases.Length == 0)
            {
                continue;
            }

            Directory.CreateDirectory(summary.ResultsDirectoryPath);
            foreach (var group in summary.BenchmarksCases.GroupBy(c => c.Descriptor.Type))
            {
                var entries = group.Select(c =>
                {
                    var workload = WorkloadAttribute.Of(c);
                    return new Dictionary<string, object?>
                    {
                        ["type"] = c.Descriptor.Type.Name,
                        ["method"] = c.Descriptor.WorkloadMethod.Name,
                        ["job"] = c.Job.ResolvedId,
                        ["categories"] = c.Descriptor.Categories,
                        ["baseline"] = c.Descriptor.Baseline,
                        ["operationsPerInvoke"] = c.Descriptor.OperationsPerInvoke,
                        ["messagesPerInvoke"] = workload?.Messages,
                        ["per"] = workload?.Per,
                        ["role"] = workload?.Role.ToString(),
                        ["bytesPerMessage"] = PerMessage.Bytes(summary, c),
                        ["success"] = summary[c]?.Success ?? false,
                    };
                }).ToList();
                var path = Path.Combine(summary.ResultsDirectoryPath, $"{group.Key.FullName}-routilux.json");
                File.WriteAllText(path, JsonSerializer.Serialize(new { benchmarks = entries }, Options));
                Console.WriteLine($"// Routilux metadata: {path}");
            }
        }
    }

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };
}
