using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Routilux.Analyzers.Declarations;
using Routilux.Analyzers.Policies;
using Routilux.Analyzers.Tests.Infrastructure;
using Routilux.Analyzers.Wiring;
using Xunit;

namespace Routilux.Analyzers.Tests.Wiring;

/// <summary>The quickstart sample, as it is on disk, gets no diagnostic from any analyzer.</summary>
public sealed class SampleTests
{
    // The sample's ImplicitUsings, which its project file turns on.
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    [Fact]
    public Task Quickstart_has_no_wiring_diagnostics() => Verify.Program<FlowAnalyzer>(Sources());

    [Fact]
    public Task Quickstart_has_no_declaration_diagnostics() => Verify.Program<RoutineDeclarationAnalyzer>(Sources());

    [Fact]
    public Task Quickstart_has_no_policy_diagnostics() => Verify.Program<PolicyAttributeAnalyzer>(Sources());

    [Fact]
    public Task Quickstart_has_no_policy_argument_diagnostics() => Verify.Program<PolicyInvocationAnalyzer>(Sources());

    [Fact]
    public Task Quickstart_has_no_state_diagnostics() => Verify.Program<Routilux.Analyzers.State.StateVersionAnalyzer>(Sources());

    /// <summary>The control: the same program with one Connect removed is read whole and reports that slot.</summary>
    [Fact]
    public Task Quickstart_without_one_connection_reports_the_slot()
    {
        var sources = Sources();
        sources[0] = sources[0]
            .Replace("flow.Connect(filter.Kept(), counter.Word());\n", string.Empty, StringComparison.Ordinal)
            .Replace("var counter = flow.Add<WordCounter>(\"counter\");", "var counter = {|#0:flow.Add<WordCounter>(\"counter\")|};", StringComparison.Ordinal)
            .Replace("var filter = flow.Add<StopWordFilter>(\"filter\");", "var filter = {|#1:flow.Add<StopWordFilter>(\"filter\")|};", StringComparison.Ordinal);
        return Verify.Program<FlowAnalyzer>(
            sources,
            Verify.Diagnostic("RTLX1001", 0).WithArguments("Word", "counter", "flow 'word-count'"),
            Verify.Diagnostic("RTLX1002", 1).WithArguments("Kept", "filter", "flow 'word-count'"));
    }

    private static string[] Sources()
    {
        var folder = Path.Combine(RepositoryRoot(), "samples", "Quickstart");
        var files = Directory.GetFiles(folder, "*.cs").OrderBy(path => Path.GetFileName(path) == "Program.cs" ? 0 : 1).ThenBy(path => path, StringComparer.Ordinal);
        return files.Select(File.ReadAllText).Append(ImplicitUsings).ToArray();
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Routilux.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Could not find Routilux.sln above the test's folder.");
    }
}
