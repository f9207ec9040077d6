using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Routilux.Analyzers.Tests.Infrastructure;

/// <summary>Short entry points: <c>await Verify.Analyzer&lt;FlowAnalyzer&gt;(source)</c> with <c>{|RTLX1001:...|}</c> markup.</summary>
internal static class Verify
{
    /// <summary>Usings every test source starts with.</summary>
    public const string Usings = "using System; using System.Collections.Generic; using System.Threading; using System.Threading.Tasks; using Routilux;\n";

    public static Task Analyzer<TAnalyzer>(string source, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var test = new RoutiluxAnalyzerTest<TAnalyzer>(source);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>
    /// Analyzes code that does not compile as it stands: an invalid declaration the generator skipped often leaves a
    /// compiler error beside the diagnostic (a partial method without its generated implementation, CS8795).
    /// </summary>
    public static Task AnalyzerIgnoringCompilerErrors<TAnalyzer>(string source, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var test = new RoutiluxAnalyzerTest<TAnalyzer>(source) { CompilerDiagnostics = CompilerDiagnostics.None };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>Analyzes a program with top-level statements.</summary>
    public static Task Program<TAnalyzer>(string[] sources, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var test = new RoutiluxAnalyzerTest<TAnalyzer>(sources[0], OutputKind.ConsoleApplication);
        for (var i = 1; i < sources.Length; i++)
        {
            test.TestState.Sources.Add(sources[i]);
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>A diagnostic of <paramref name="id"/> at markup location <paramref name="index"/> ({|#0:...|}).</summary>
    public static DiagnosticResult Diagnostic(string id, int index) => new DiagnosticResult(id, DiagnosticSeverity.Hidden).WithLocation(index).WithSeverity(Severity(id));

    private static DiagnosticSeverity Severity(string id) =>
        Routilux.Analyzers.Tests.Infrastructure.Descriptors.ById(id).DefaultSeverity;
}
