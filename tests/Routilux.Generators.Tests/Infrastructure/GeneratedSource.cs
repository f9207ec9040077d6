using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Routilux.Generators.Tests.Infrastructure;

/// <summary>Runs the generator on a source, checks the result compiles cleanly, and compares it with snapshots.</summary>
internal static class GeneratedSource
{
    public const string CatalogHintName = "RoutiluxCatalog.g.cs";

    /// <summary>
    /// Generates from <paramref name="source"/>, asserts the generator neither failed nor reported anything and
    /// that the whole compilation has no warning or error, then matches each routine file against its snapshot
    /// (and the catalog file when <paramref name="includeCatalog"/>).
    /// </summary>
    public static void Verify(string source, bool includeCatalog = false, [CallerMemberName] string test = "")
    {
        var generated = GenerateCleanly(source, LanguageVersion.CSharp12);
        Assert.NotEmpty(generated);
        foreach (var (hintName, text) in generated)
        {
            if (hintName != CatalogHintName || includeCatalog)
            {
                Snapshot.Match(text, test + "." + hintName);
            }
        }
    }

    /// <summary>The generated files by hint name, after asserting the output compiles without warnings.</summary>
    public static IReadOnlyList<(string HintName, string Text)> GenerateCleanly(string source, LanguageVersion version) =>
        GenerateCleanly(new[] { source }, version);

    public static IReadOnlyList<(string HintName, string Text)> GenerateCleanly(IEnumerable<string> sources, LanguageVersion version)
    {
        var (result, output) = GeneratorHarness.Run(GeneratorHarness.Compile(sources, version));
        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        var problems = GeneratorHarness.WarningsAndErrors(output);
        Assert.True(problems.Length == 0, "The output does not compile cleanly:\n" + string.Join("\n", problems));
        return result.GeneratedSources
            .OrderBy(s => s.HintName, System.StringComparer.Ordinal)
            .Select(s => (s.HintName, s.SourceText.ToString()))
            .ToList();
    }
}
