using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Routilux.Analyzers.State;
using Routilux.Analyzers.Tests.Infrastructure;

namespace Routilux.Analyzers.Tests.State;

/// <summary>Runs <see cref="StateVersionAnalyzer"/> on a source, with or without a RoutiluxState.Shipped.json beside it.</summary>
internal static class StateTest
{
    /// <summary>Usings of every state test source: the Routilux ones and JsonObject for migrations.</summary>
    public const string Usings = Verify.Usings + "using System.Text.Json.Nodes;\n";

    public static Task Run(string source, string? shapeFile, params DiagnosticResult[] expected)
    {
        var test = new RoutiluxAnalyzerTest<StateVersionAnalyzer>(Usings + source);
        if (shapeFile is not null)
        {
            test.TestState.AdditionalFiles.Add((ShapeFile.FileName, shapeFile));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }
}
