using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Routilux.Generators.Parsing;
using Routilux.Generators.Tests.Infrastructure;
using Xunit;

namespace Routilux.Generators.Tests;

/// <summary>
/// The parser's problem collector, which the analyzers use to say why a routine was skipped: it never changes what
/// the parser returns, and every refused declaration comes with at least one reason.
/// </summary>
public sealed class ParseProblemTests
{
    private const string Prefix = "using System; using System.Collections.Generic; using System.Threading; using System.Threading.Tasks; using Routilux; namespace Demo; ";

    public static TheoryData<string> InvalidDeclarations()
    {
        var data = new TheoryData<string>();
        foreach (var attribute in typeof(InvalidDeclarationTests).GetMethod(nameof(InvalidDeclarationTests.InvalidRoutineLeavesNoCompilerError))!
                     .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>())
        {
            data.Add((string)attribute.GetData(null!).Single()[0]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(InvalidDeclarations))]
    public void EveryRefusedRoutineHasAReason(string declaration)
    {
        var compilation = GeneratorHarness.Compile(Prefix + declaration);
        var bad = compilation.GetSymbolsWithName("Bad", SymbolFilter.Type).OfType<INamedTypeSymbol>().First();
        var attribute = bad.GetAttributes().Single(a => a.AttributeClass?.Name == "RoutineAttribute");
        var problems = new ParseProblems();

        var spec = RoutineParser.Parse(bad, attribute, problems, CancellationToken.None);

        Assert.Null(spec);
        Assert.Null(RoutineParser.Parse(bad, attribute, CancellationToken.None));
        Assert.NotEmpty(problems.Items);
        Assert.All(problems.Items, problem => Assert.True(problem.Location is { IsInSource: true }, $"{problem.Kind} has no source location."));
    }

    [Fact]
    public void CollectingProblemsDoesNotChangeAValidRoutine()
    {
        const string source = Prefix + """
            /// <summary>Every shape.</summary>
            [Routine(Name = "all"), OnError(ErrorStrategy.Retry, MaxRetries = 2)]
            public partial class All<T> where T : notnull
            {
                [Slot] public void Text(string line) => Word(line);
                [Slot(Name = "pair", Optional = true, Capacity = 8)] public ValueTask Add(int a, int b, CancellationToken ct) => Pair(a, b);
                [Slot, Batch(10, MaxWaitMilliseconds = 50)] public void Rows(IReadOnlyList<T> rows) { }
                [Slot, ActivateWhen(nameof(Enough))] public void Items(IReadOnlyList<string> items) { }
                [Join] public void Match(int order, string payment) { }
                [Emits] public partial void Word(string word);
                [Emits] public partial ValueTask Pair(int a, int b);
                private static bool Enough(ActivationState state) => state.Buffered > 3;
            }
            """;
        var type = GeneratorHarness.Compile(source).GetTypeByMetadataName("Demo.All`1")!;
        var attribute = type.GetAttributes().Single(a => a.AttributeClass?.Name == "RoutineAttribute");
        var problems = new ParseProblems();

        var withProblems = RoutineParser.Parse(type, attribute, problems, CancellationToken.None);

        Assert.NotNull(withProblems);
        Assert.Equal(RoutineParser.Parse(type, attribute, CancellationToken.None), withProblems);
        Assert.Empty(problems.Items);
    }

    [Fact]
    public void TheGeneratorsOwnEmitImplementationIsNotAProblem()
    {
        // The analyzers parse a compilation that already holds the generated implementation of each [Emits] method.
        var (_, output) = GeneratorHarness.Run(GeneratorHarness.Compile(Prefix + "[Routine] public partial class Tok { [Slot] public void S(string s) => W(s); [Emits] public partial void W(string w); }"));
        var type = output.GetTypeByMetadataName("Demo.Tok")!;
        var problems = new ParseProblems();

        var spec = RoutineParser.Parse(type, type.GetAttributes().Single(), problems, CancellationToken.None);

        Assert.NotNull(spec);
        Assert.Empty(problems.Items);
    }
}
