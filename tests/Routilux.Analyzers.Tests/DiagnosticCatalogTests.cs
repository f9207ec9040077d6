using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.Diagnostics;
using Routilux.Analyzers.Declarations;
using Routilux.Analyzers.Policies;
using Routilux.Analyzers.Tests.Infrastructure;
using Routilux.Analyzers.Tests.Wiring;
using Routilux.Analyzers.Wiring;
using Xunit;

namespace Routilux.Analyzers.Tests;

/// <summary>
/// Every diagnostic is complete: an RTLX ID in its area's range, a help link to its docs page, a page that exists,
/// a line in the release-tracking file that matches, and exactly one analyzer that reports it (or the generator).
/// </summary>
public sealed class DiagnosticCatalogTests
{
    private static readonly DiagnosticAnalyzer[] Analyzers =
    {
        new RoutineDeclarationAnalyzer(), new FlowAnalyzer(), new PolicyAttributeAnalyzer(), new PolicyInvocationAnalyzer(),
    };

    private static readonly string[] GeneratorOnly = { "RTLX0016" };

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in Descriptors.All)
        {
            data.Add(descriptor.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Diagnostic_is_documented_tracked_and_reported_by_one_analyzer(string id)
    {
        var descriptor = Descriptors.ById(id);
        Assert.Matches("^RTLX[0-9]{4}$", id);
        var expectedCategory = id[4] switch
        {
            '0' => "Routilux.Declarations",
            '1' => "Routilux.Wiring",
            '2' => "Routilux.State",
            '9' => "Routilux.Policies",
            _ => "no category for this range yet",
        };
        Assert.Equal(expectedCategory, descriptor.Category);
        Assert.Equal($"https://github.com/routilux/routilux-dotnet/blob/main/docs/diagnostics/{id}.md", descriptor.HelpLinkUri);

        var root = SampleTests.RepositoryRoot();
        var page = File.ReadAllText(Path.Combine(root, "docs", "diagnostics", id + ".md"));
        Assert.StartsWith($"# {id}: {descriptor.Title}", page, StringComparison.Ordinal);
        Assert.Contains($"| Severity | {descriptor.DefaultSeverity} |", page, StringComparison.Ordinal);

        var releases = File.ReadAllText(Path.Combine(root, "analyzers", "Routilux.Analyzers", "AnalyzerReleases.Unshipped.md"));
        Assert.Matches(new Regex($"^{id} \\| {Regex.Escape(descriptor.Category)} \\| {descriptor.DefaultSeverity} \\|", RegexOptions.Multiline), releases);

        // The one ID only the generator reports (the compiler stops before analyzers when C# is too old) has no analyzer.
        var reporters = Analyzers.Count(analyzer => analyzer.SupportedDiagnostics.Any(supported => supported.Id == id));
        Assert.Equal(GeneratorOnly.Contains(id) ? 0 : 1, reporters);
    }

    [Fact]
    public void Ids_are_unique() => Assert.Equal(Descriptors.All.Length, Descriptors.All.Select(d => d.Id).Distinct().Count());
}
