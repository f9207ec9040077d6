using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Routilux.Generators.Tests.Infrastructure;

/// <summary>Builds test compilations against the real runtime assembly and runs the generator on them.</summary>
internal static class GeneratorHarness
{
    public const string AssemblyName = "Demo.App";

    /// <summary>The net10 framework (from the trusted platform assemblies) plus Routilux.dll, loaded once.</summary>
    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(LoadReferences);

    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    public static CSharpParseOptions ParseOptions(LanguageVersion version = LanguageVersion.CSharp12) =>
        new(version, DocumentationMode.Diagnose);

    public static CSharpCompilation Compile(IEnumerable<string> sources, LanguageVersion version = LanguageVersion.CSharp12)
    {
        var options = ParseOptions(version);
        var trees = sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, options, path: $"Source{i}.cs"));
        return CSharpCompilation.Create(
            AssemblyName,
            trees,
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    public static CSharpCompilation Compile(string source, LanguageVersion version = LanguageVersion.CSharp12) =>
        Compile(new[] { source }, version);

    /// <summary>A driver that records every tracked step, for caching tests.</summary>
    public static GeneratorDriver CreateDriver(CSharpParseOptions parseOptions) =>
        CSharpGeneratorDriver.Create(
            new[] { new RoutineGenerator().AsSourceGenerator() },
            parseOptions: parseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once; returns its result and the compilation with the generated files added.</summary>
    public static (GeneratorRunResult Result, Compilation Output) Run(CSharpCompilation compilation)
    {
        var driver = CreateDriver((CSharpParseOptions)compilation.SyntaxTrees.First().Options)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return (driver.GetRunResult().Results.Single(), output);
    }

    /// <summary>
    /// Diagnostics of warning severity or worse, formatted for an assertion message. Missing XML docs (CS1591) count
    /// only in generated files: test sources are not documented, but everything public the generator writes must be.
    /// </summary>
    public static string[] WarningsAndErrors(Compilation compilation) =>
        compilation.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Where(d => d.Id != "CS1591" || !IsTestSource(d.Location.SourceTree))
            .Select(d => d.ToString())
            .ToArray();

    private static bool IsTestSource(SyntaxTree? tree) =>
        tree is not null && tree.FilePath.StartsWith("Source", StringComparison.Ordinal);

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var paths = trusted
            .Where(path => string.Equals(Path.GetDirectoryName(path), frameworkDirectory, StringComparison.Ordinal))
            .Append(typeof(RoutineAttribute).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(path => path, StringComparer.Ordinal);
        return paths.Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)).ToImmutableArray();
    }
}
