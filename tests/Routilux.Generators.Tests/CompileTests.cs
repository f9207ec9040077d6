using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Routilux.Generators.Tests.Infrastructure;
using Xunit;

namespace Routilux.Generators.Tests;

/// <summary>
/// A realistic set of routines and a flow wired with the generated ports compiles without a warning. Roslyn 4.8
/// (the version the generator is built on) knows C# up to 12; Preview is the newest language it can parse, so it
/// stands in for later versions here.
/// </summary>
public sealed class CompileTests
{
    private const string Routines = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Routilux;

        namespace Demo.Words;

        /// <summary>Splits lines into words.</summary>
        [Routine]
        [OnError(ErrorStrategy.Retry, MaxRetries = 2, DelayMilliseconds = 10, RetryOn = new[] { typeof(TimeoutException) })]
        public partial class Tokenizer
        {
            /// <summary>A line of text.</summary>
            [Slot] public void Text(string line) { foreach (var w in line.Split(' ')) Word(w); }

            /// <summary>Two numbers to add.</summary>
            [Slot(Name = "pair", Optional = true, Capacity = 8, WhenFull = QueueFullPolicy.DropOldest)]
            public async ValueTask Add(int a, int b, CancellationToken ct) { await Pair(a, b); }

            /// <summary>A tick.</summary>
            [Slot] public Task Tick(RoutineContext context) => Task.CompletedTask;

            /// <summary>A word.</summary>
            [Emits] public partial void Word(string word);

            /// <summary>A pair.</summary>
            [Emits] public partial ValueTask Pair(int a, int b);

            /// <summary>The end.</summary>
            [Emits] public partial void Done();
        }

        /// <summary>Counts words.</summary>
        [Routine(Name = "counter")]
        public sealed partial class Counter
        {
            // State with no migration at all: its Migrate must still compile without a warning.
            [State(Name = "counts")]
            private readonly Dictionary<string, int> _counts = new();

            /// <summary>A word to count.</summary>
            [Slot] public void Word(string word) => _counts[word] = _counts.TryGetValue(word, out var n) ? n + 1 : 1;

            /// <summary>Pairs, ignored.</summary>
            [Slot] internal ValueTask Pairs((int a, int b) pair, RoutineContext context) => default;
        }

        /// <summary>Holds items.</summary>
        [Routine]
        public partial class Buffer<T> where T : notnull
        {
            /// <summary>An item.</summary>
            [Slot] public void In(T item) => Out(item);

            /// <summary>The item again.</summary>
            [Emits] public partial void Out(T item);
        }

        /// <summary>Stages.</summary>
        public static partial class Stages
        {
            /// <summary>Nested.</summary>
            [Routine]
            internal partial class Nested
            {
                [Slot] private void Text(string? line) { }
                [Emits] private protected partial void Maybe(string? line);
            }
        }

        /// <summary>Wiring.</summary>
        public static class Wiring
        {
            /// <summary>Builds a flow with typed ports.</summary>
            public static Flow Build()
            {
                var flow = new FlowBuilder("words");
                var tokenizer = flow.Add<Tokenizer>("tokenizer");
                var counter = flow.Add<Counter>("counter");
                var buffer = flow.Add<Buffer<string>>("buffer");
                flow.Connect(tokenizer.Word(), buffer.In());
                flow.Connect(buffer.Out(), counter.Word());
                flow.Connect(tokenizer.Pair(), counter.Pairs());
                flow.Entry(tokenizer.Text());
                return flow.Build();
            }
        }
        """;

    private static readonly string[] ExpectedFiles =
    {
        "Demo.Words.Buffer_T1.Routine.g.cs",
        "Demo.Words.Counter.Routine.g.cs",
        "Demo.Words.Stages.Nested.Routine.g.cs",
        "Demo.Words.Tokenizer.Routine.g.cs",
        "RoutiluxCatalog.g.cs",
    };

    [Theory]
    [InlineData(LanguageVersion.CSharp12)]
    [InlineData(LanguageVersion.Preview)]
    public void GeneratedCodeCompilesWithoutWarnings(LanguageVersion version)
    {
        var generated = GeneratedSource.GenerateCleanly(Routines, version);

        Assert.Equal(ExpectedFiles, generated.Select(file => file.HintName));
    }

    [Fact]
    public void ConnectingDifferentPayloadTypesDoesNotCompile()
    {
        var source = Routines.Replace("flow.Connect(tokenizer.Word(), buffer.In());", "flow.Connect(tokenizer.Pair(), buffer.In());");

        var (_, output) = GeneratorHarness.Run(GeneratorHarness.Compile(source));

        // The mismatch is reported on the Connect call itself (no overload accepts the pair), nowhere else.
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.NotEmpty(errors);
        var line = source.Split('\n').ToList().FindIndex(l => l.Contains("flow.Connect(tokenizer.Pair(), buffer.In());", StringComparison.Ordinal));
        Assert.All(errors, error => Assert.Equal(line, error.Location.GetLineSpan().StartLinePosition.Line));
    }

    [Fact]
    public void SummariesAreReadWithoutDocumentationParsing()
    {
        // A project that does not generate a documentation file parses with DocumentationMode.None, where ///
        // lines are plain comments; the summary must come out the same.
        var parseOptions = GeneratorHarness.ParseOptions().WithDocumentationMode(DocumentationMode.None);
        var compilation = GeneratorHarness.Compile(Routines);
        compilation = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(), CSharpSyntaxTree.ParseText(Routines, parseOptions));

        var (result, _) = GeneratorHarness.Run(compilation);

        var tokenizer = result.GeneratedSources.Single(s => s.HintName == "Demo.Words.Tokenizer.Routine.g.cs").SourceText.ToString();
        Assert.Contains("summary: \"Splits lines into words.\"", tokenizer, StringComparison.Ordinal);
        Assert.Contains("\"A line of text.\"", tokenizer, StringComparison.Ordinal);
    }
}
