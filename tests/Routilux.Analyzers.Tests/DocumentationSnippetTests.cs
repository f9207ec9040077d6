using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Routilux.Analyzers.Tests.Infrastructure;
using Routilux.Analyzers.Tests.Wiring;
using Xunit;

namespace Routilux.Analyzers.Tests;

/// <summary>
/// The C# a reader copies from the README and the getting-started guide compiles, with the generator and analyzers
/// and warnings as errors, as a new console project would get it; so the docs cannot rot.
/// </summary>
public sealed class DocumentationSnippetTests
{
    [Fact]
    public async Task The_README_example_compiles_and_runs_when_pasted_into_a_new_console_project()
    {
        var blocks = CSharpBlocks("README.md");
        Assert.NotEmpty(blocks);
        using var project = SdkProject.Create(blocks[0], "<TreatWarningsAsErrors>true</TreatWarningsAsErrors>");

        var (exit, output) = await project.BuildAsync();
        Assert.True(exit == 0, "The README example does not build:" + Environment.NewLine + output);

        var (runExit, runOutput) = await project.RunAsync();
        Assert.True(runExit == 0, "The README example failed:" + Environment.NewLine + runOutput);
        Assert.Contains("Completed" + Environment.NewLine + "Completed: 9 words", runOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_getting_started_blocks_make_one_program()
    {
        // As the page says: blocks that declare types are files of their own, the others are Program.cs in order.
        var blocks = CSharpBlocks(Path.Combine("docs", "getting-started.md"));
        var files = blocks.Where(DeclaresTypes).ToArray();
        var statements = blocks.Where(block => !DeclaresTypes(block)).ToArray();
        Assert.NotEmpty(files);
        Assert.NotEmpty(statements);

        using var project = SdkProject.Create("using Routilux;\n\n" + string.Join("\n", statements), "<TreatWarningsAsErrors>true</TreatWarningsAsErrors>");
        for (var i = 0; i < files.Length; i++)
        {
            project.Write($"Routines{i}.cs", files[i]);
        }

        var (exit, output) = await project.BuildAsync();
        Assert.True(exit == 0, "The getting-started blocks do not build:" + Environment.NewLine + output);
    }

    private static string[] CSharpBlocks(string relativePath)
    {
        var text = File.ReadAllText(Path.Combine(SampleTests.RepositoryRoot(), relativePath)).Replace("\r\n", "\n", StringComparison.Ordinal);
        return Regex.Matches(text, "```csharp\n(.*?)```", RegexOptions.Singleline).Select(match => match.Groups[1].Value).ToArray();
    }

    private static bool DeclaresTypes(string block) => Regex.IsMatch(block, @"^\s*(\[Routine|public (partial |static )*class )", RegexOptions.Multiline);
}
