using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Routilux.Analyzers.Infrastructure;

namespace Routilux.Analyzers.Tests.Infrastructure;

/// <summary>
/// What test compilations reference: the net10 framework this test process runs on (its trusted platform
/// assemblies, so nothing is downloaded) and the real Routilux runtime assembly.
/// </summary>
internal static class TestReferences
{
    /// <summary>No reference package: the framework comes from <see cref="All"/> instead of a NuGet download.</summary>
    public static readonly ReferenceAssemblies None = new("net10.0");

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyAll = new(Load);

    public static ImmutableArray<MetadataReference> All => LazyAll.Value;

    /// <summary>Analyzer failures must fail tests, not be swallowed the way they are in users' builds.</summary>
    [ModuleInitializer]
    internal static void RethrowAnalyzerFailures() => AppContext.SetSwitch(AnalyzerGuard.RethrowSwitch, true);

    private static ImmutableArray<MetadataReference> Load()
    {
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return trusted
            .Where(path => string.Equals(Path.GetDirectoryName(path), frameworkDirectory, StringComparison.Ordinal))
            .Append(typeof(RoutineAttribute).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}
