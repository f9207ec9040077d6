using System.Diagnostics;
using System.IO;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using Routilux.Tests.Routines;

namespace Routilux.Tests;

/// <summary>
/// FlowDescription.ToMermaid, ToD2 and ToDot: snapshots of a known flow, the DOT rendered by Graphviz, and structural
/// checks of Mermaid and D2 (neither has a Debian package to parse them with).
/// </summary>
public class GraphExportTests
{
    private const string UpdateVariable = "ROUTILUX_UPDATE_SNAPSHOTS";

    [Theory]
    [InlineData("flow.mmd")]
    [InlineData("flow.d2")]
    [InlineData("flow.dot")]
    public void A_known_flow_exports_as_its_snapshot(string file)
    {
        var actual = Export(KnownFlow().Describe(), file);
        var snapshot = Path.Combine(AppContext.BaseDirectory, "Snapshots", file);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(Path.Combine(SourceDirectory(), "Snapshots", file), actual);
            return;
        }

        var expected = File.Exists(snapshot) ? File.ReadAllText(snapshot) : "(no snapshot file)";
        Assert.True(
            expected == actual,
            $"The export differs from tests/Routilux.Tests/Snapshots/{file}. If the change is intended, update the snapshots with " +
            $"`{UpdateVariable}=1 dotnet test tests/Routilux.Tests -c Release --filter FullyQualifiedName~GraphExport`, review the diff and commit it.\n" +
            $"Expected:\n{expected}\nActual:\n{actual}");
    }

    [Fact]
    public void The_exports_end_lines_with_a_line_feed_only_and_do_not_change_between_calls()
    {
        var description = KnownFlow().Describe();
        foreach (var text in new[] { description.ToMermaid(), description.ToD2(), description.ToDot() })
        {
            Assert.DoesNotContain('\r', text);
            Assert.EndsWith("\n", text, StringComparison.Ordinal);
        }

        Assert.Equal(description.ToDot(), KnownFlow().Describe().ToDot());
    }

    [Fact]
    public void Graphviz_renders_the_dot_export_of_the_known_flow_and_of_awkward_ids_to_svg()
    {
        foreach (var flow in new[] { KnownFlow(), AwkwardFlow() })
        {
            // Read as XML, since Graphviz writes "-" as "&#45;" and so on; each routine's id is a line of its node's label.
            var svg = XDocument.Parse(RenderSvg(flow.Describe().ToDot()));
            var texts = svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).ToHashSet(StringComparer.Ordinal);
            foreach (var routine in flow.Routines)
            {
                Assert.Contains(routine.Id, texts);
            }
        }
    }

    [Fact]
    public void The_mermaid_export_shows_every_routine_and_connection_and_balances_its_quotes_and_brackets()
    {
        foreach (var flow in new[] { KnownFlow(), AwkwardFlow() })
        {
            var mermaid = flow.Describe().ToMermaid();
            Assert.StartsWith("flowchart LR\n", mermaid, StringComparison.Ordinal);
            foreach (var routine in flow.Routines)
            {
                Assert.Contains($"subgraph r{routine.Index} [\"{Mermaid(routine.Id)}<br/>", mermaid, StringComparison.Ordinal);
            }

            foreach (var connection in flow.Connections)
            {
                Assert.Contains($"r{connection.Source.Index}_out{connection.Event.Index} --> r{connection.Target.Index}_in{connection.Slot.Index}\n", mermaid, StringComparison.Ordinal);
            }

            Assert.Equal(flow.Routines.Count, mermaid.Split('\n').Count(l => l == "  end"));
            AssertBalanced(mermaid, backslashEscapes: false);
        }
    }

    [Fact]
    public void The_d2_export_shows_every_routine_and_connection_and_balances_its_quotes_and_brackets()
    {
        foreach (var flow in new[] { KnownFlow(), AwkwardFlow() })
        {
            var d2 = flow.Describe().ToD2();
            foreach (var routine in flow.Routines)
            {
                Assert.Contains($"\n{D2(routine.Id)}: ", d2, StringComparison.Ordinal);
            }

            foreach (var connection in flow.Connections)
            {
                Assert.Contains(
                    $"\n{D2(connection.Source.Id)}.\"out_{connection.Event.Name}\" -> {D2(connection.Target.Id)}.\"in_{connection.Slot.Name}\"\n",
                    d2,
                    StringComparison.Ordinal);
            }

            AssertBalanced(d2, backslashEscapes: true);
        }
    }

    /// <summary>
    /// An entry, a fan-out (reader.Words to two routines), generic and array payloads, a generic routine, a retry
    /// policy, and a slot with a smaller capacity that drops its oldest message when full.
    /// </summary>
    private static Flow KnownFlow()
    {
        var flow = new FlowBuilder("graph-demo");
        var reader = flow.Add<WordSplitter>("reader");
        var letters = flow.Add<LetterCounts>("letter-counts");
        var total = flow.Add<WordTotal>("word-total");
        var report = flow.Add<Tally<Dictionary<string, int>>>("report");
        flow.Connect(reader.Words(), letters.In()).Connect(reader.Words(), total.In()).Connect(letters.Counts(), report.In());
        flow.Entry(reader.Text());
        flow.OnError(letters, ErrorPolicy.Retry(3, TimeSpan.FromMilliseconds(10)));
        flow.SetCapacity(total.In(), 16).SetQueuePolicy(total.In(), QueueFullPolicy.DropOldest);
        return flow.Build();
    }

    /// <summary>Ids that each language could read as syntax: quotes, a backslash, an arrow, a keyword, a comment sign, braces.</summary>
    private static Flow AwkwardFlow()
    {
        var flow = new FlowBuilder("awkward \"flow\"");
        var first = flow.Add<AddOne>("say \"hi\" -> {x}");
        var second = flow.Add<AddOne>("end");
        var third = flow.Add<Tally<int>>("a\\b # [c] <d> & %%e");
        var entry = flow.Add<AddOne>("entry");
        flow.Connect(first.Out(), second.In()).Connect(second.Out(), third.In()).Connect(entry.Out(), third.In());
        flow.Entry(first.In()).Entry(entry.In());
        return flow.Build();
    }

    private static string Export(FlowDescription description, string file) => Path.GetExtension(file) switch
    {
        ".mmd" => description.ToMermaid(),
        ".d2" => description.ToD2(),
        _ => description.ToDot(),
    };

    private static string Mermaid(string text) => text
        .Replace("#", "#35;", StringComparison.Ordinal)
        .Replace("%", "#37;", StringComparison.Ordinal)
        .Replace("&", "#amp;", StringComparison.Ordinal)
        .Replace("\"", "#quot;", StringComparison.Ordinal)
        .Replace("<", "#lt;", StringComparison.Ordinal)
        .Replace(">", "#gt;", StringComparison.Ordinal);

    private static string D2(string key) => "\"" + key.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>Checks that quoted strings close on their line and (), [] and {} outside them nest properly.</summary>
    private static void AssertBalanced(string text, bool backslashEscapes)
    {
        var open = new Stack<char>();
        foreach (var line in text.Split('\n'))
        {
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quoted)
                {
                    if (backslashEscapes && c == '\\')
                    {
                        i++;
                    }
                    else if (c == '"')
                    {
                        quoted = false;
                    }
                }
                else if (c == '"')
                {
                    quoted = true;
                }
                else if (c is '(' or '[' or '{')
                {
                    open.Push(c);
                }
                else if (c is ')' or ']' or '}')
                {
                    var expected = c switch { ')' => '(', ']' => '[', _ => '{' };
                    Assert.True(open.Count > 0 && open.Pop() == expected, $"Unbalanced '{c}' in line: {line}");
                }
            }

            Assert.False(quoted, $"Unclosed quote in line: {line}");
        }

        Assert.True(open.Count == 0, $"Unclosed '{string.Join("", open)}' at the end of:\n{text}");
    }

    private static string RenderSvg(string dot)
    {
        var path = FindOnPath("dot") ?? throw new Xunit.Sdk.XunitException(
            "Graphviz's `dot` is not on PATH, so the DOT export cannot be checked. Install it: `sudo apt-get install graphviz` " +
            "(.ci/run installs it in CI).");
        using var process = Process.Start(new ProcessStartInfo(path, "-Tsvg")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(dot);
        process.StandardInput.Close();
        var svg = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"dot -Tsvg exited {process.ExitCode}: {error.Result}\nInput:\n{dot}");
        Assert.Contains("<svg", svg, StringComparison.Ordinal);
        return svg;
    }

    private static string? FindOnPath(string name)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(directory, name);
            if (directory.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    // Where this file is, to write updated snapshots into the source tree rather than the output directory.
    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
