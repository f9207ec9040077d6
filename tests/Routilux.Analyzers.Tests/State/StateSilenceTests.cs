using System.Threading.Tasks;
using Routilux.Analyzers.State;
using Routilux.Analyzers.Tests.Infrastructure;
using Routilux.Analyzers.Tests.Wiring;
using Xunit;

namespace Routilux.Analyzers.Tests.State;

/// <summary>Routines without state, the analyzer tests' own and the quickstart's, get nothing from the state analyzer, shape file or not.</summary>
public sealed class StateSilenceTests
{
    private const string EmptyShapeFile = "{\n  \"format\": 1,\n  \"routines\": {}\n}\n";

    [Fact]
    public Task The_test_routines_are_silent_without_a_shape_file() => Verify.Analyzer<StateVersionAnalyzer>(TestRoutines.With(string.Empty));

    [Fact]
    public Task The_test_routines_are_silent_with_an_empty_shape_file()
    {
        var test = new RoutiluxAnalyzerTest<StateVersionAnalyzer>(TestRoutines.With(string.Empty));
        test.TestState.AdditionalFiles.Add((ShapeFile.FileName, EmptyShapeFile));
        return test.RunAsync();
    }

    /// <summary>Only a file named RoutiluxState.Shipped.json switches the shape checks on; other JSON is not read.</summary>
    [Fact]
    public Task Other_additional_files_are_not_read()
    {
        var test = new RoutiluxAnalyzerTest<StateVersionAnalyzer>(StateTest.Usings + """
            namespace Demo;

            [Routine]
            public partial class Counter
            {
                [State] private long count;
                [Slot] public void Add(int n) => count += n;
            }
            """);
        test.TestState.AdditionalFiles.Add(("RoutiluxState.Unshipped.json", "not json"));
        test.TestState.AdditionalFiles.Add(("PublicAPI.Shipped.txt", "#nullable enable"));
        return test.RunAsync();
    }
}
