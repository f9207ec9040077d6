using System;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Routilux.Generators.Benchmarks;

/// <summary>
/// A compilation like a large user project: 200 routines, one file each (two slots, an async slot, two events and
/// doc comments), plus one file wiring them into a chain, against the net10 framework and the Routilux runtime.
/// </summary>
internal static class Workload
{
    public const int Routines = 200;

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12, DocumentationMode.Parse);

    /// <summary>The file of routine <paramref name="index"/>; <paramref name="variant"/> changes one line of it.</summary>
    public static string Routine(int index, Edit variant = Edit.None)
    {
        var body = variant == Edit.Body ? "Out(text.Trim());" : "Out(text);";
        var signature = variant == Edit.Signature ? "long value" : "int value";
        return string.Create(CultureInfo.InvariantCulture, $$"""
            using System.Threading;
            using System.Threading.Tasks;
            using Routilux;

            namespace Bench.Stage{{index / 20}};

            /// <summary>Stage {{index}} of the benchmark chain.</summary>
            [Routine]
            public partial class Stage{{index}}
            {
                /// <summary>Text to pass on.</summary>
                [Slot] public void In(string text) { {{body}} }

                /// <summary>A number to add.</summary>
                [Slot(Optional = true, Capacity = 64)] public ValueTask Add({{signature}}, CancellationToken cancellationToken) => Total(1);

                /// <summary>A tick.</summary>
                [Slot(Optional = true)] public void Tick(RoutineContext context) { }

                /// <summary>The text again.</summary>
                [Emits] public partial void Out(string text);

                /// <summary>A running total.</summary>
                [Emits] public partial ValueTask Total(int total);
            }
            """);
    }

    /// <summary>All sources: the routines, then the flow wiring them in a chain.</summary>
    public static CSharpCompilation Compilation()
    {
        var trees = Enumerable.Range(0, Routines)
            .Select(i => CSharpSyntaxTree.ParseText(Routine(i), ParseOptions, path: "Stage" + i.ToString(CultureInfo.InvariantCulture) + ".cs"))
            .Append(CSharpSyntaxTree.ParseText(Flow(), ParseOptions, path: "Flow.cs"));
        return CSharpCompilation.Create(
            "Bench.App",
            trees,
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    private static string Flow()
    {
        var flow = new StringBuilder("using Routilux;\n\npublic static class Chain\n{\n    public static Flow Build()\n    {\n        var flow = new FlowBuilder(\"chain\");\n");
        for (var i = 0; i < Routines; i++)
        {
            flow.Append(CultureInfo.InvariantCulture, $"        var s{i} = flow.Add<Bench.Stage{i / 20}.Stage{i}>(\"s{i}\");\n");
        }

        for (var i = 1; i < Routines; i++)
        {
            flow.Append(CultureInfo.InvariantCulture, $"        flow.Connect(Bench.Stage{(i - 1) / 20}.Stage{i - 1}Ports.Out(s{i - 1}), Bench.Stage{i / 20}.Stage{i}Ports.In(s{i}));\n");
        }

        return flow.Append("        flow.Entry(Bench.Stage0.Stage0Ports.In(s0));\n        return flow.Build();\n    }\n}\n").ToString();
    }

    private static ImmutableArray<MetadataReference> References()
    {
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return trusted
            .Where(path => string.Equals(Path.GetDirectoryName(path), frameworkDirectory, StringComparison.Ordinal))
            .Append(typeof(RoutineAttribute).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}

/// <summary>Which one-line edit a re-run sees.</summary>
internal enum Edit
{
    None,

    /// <summary>A statement inside a slot's body: the routine's shape is the same.</summary>
    Body,

    /// <summary>A slot parameter's type: the routine's shape changes and its file is generated again.</summary>
    Signature,
}
