using System;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Routilux.Analyzers.Tests.Infrastructure;
using Xunit;

namespace Routilux.Analyzers.Tests;

/// <summary>
/// What a user sees from a real <c>dotnet build</c> (see <see cref="SdkProject"/>): a wiring mistake that makes
/// Build() throw fails the build; every invalid declaration shows its RTLX error, not compiler errors about the part
/// the generator could not write; a typed payload mismatch names both types; a too-old C# version says so.
/// </summary>
public sealed class BuildIntegrationTests
{
    private const string Wiring = """
        using Routilux;

        var flow = new FlowBuilder("demo");
        var tokenizer = flow.Add<Tokenizer>("tokenizer");
        var counter = flow.Add<Counter>("counter");
        flow.Connect(tokenizer.Word(), counter.Word());
        flow.Entry(tokenizer.Text());
        Console.WriteLine(flow.Build().Id);

        """;

    private const string Counter = """

        [Routine]
        public partial class Counter
        {
            [Slot] public void Word(string word) { }
        }
        """;

    [Fact]
    public async Task An_unconnected_slot_fails_the_build_by_default_and_editorconfig_can_lower_it()
    {
        var program = Wiring.Replace("flow.Connect(tokenizer.Word(), counter.Word());", string.Empty, StringComparison.Ordinal)
            + Tokenizer("public partial class Tokenizer", "[Slot] public void Text(string line) { foreach (var word in line.Split(' ')) Word(word); }")
            + Counter;
        using var project = SdkProject.Create(program);

        var (exit, output) = await project.BuildAsync();
        Assert.True(exit != 0, "The build succeeded:" + Environment.NewLine + output);
        Assert.Contains(
            "Program.cs(5,15): error RTLX1001: Slot 'Word' of routine 'counter' in flow 'demo' is never connected",
            output,
            StringComparison.Ordinal);

        project.Write(".editorconfig", "root = true\n[*.cs]\ndotnet_diagnostic.RTLX1001.severity = warning\n");
        var (lowered, loweredOutput) = await project.BuildAsync("--no-restore");
        Assert.True(lowered == 0, "The build with RTLX1001 lowered failed:" + Environment.NewLine + loweredOutput);
        Assert.Contains("warning RTLX1001", loweredOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RTLX0007", "public partial class Tokenizer", "[Slot] public void Text(ref string line) { }")]
    [InlineData("RTLX0001", "public class Tokenizer", "[Slot] public void Text(string line) { Word(line); }")]
    [InlineData("RTLX0011", "public partial class Tokenizer", "[Slot, Batch(4)] public void Text(string line) { }")]
    [InlineData("RTLX0008", "public partial class Tokenizer", "[Slot] public void Text(string line) { } [Slot(Name = \"Text\")] public void Other(string line) { }")]
    [InlineData("RTLX0005", "public partial class Tokenizer", "[Slot] public void Text(string line) { } [Emits] public partial void Shout(string word) { }")]
    public async Task An_invalid_declaration_shows_its_RTLX_error_and_no_compiler_error_about_the_missing_part(string id, string header, string members)
    {
        using var project = SdkProject.Create(Wiring + Tokenizer(header, members) + Counter);

        var (exit, output) = await project.BuildAsync();

        Assert.True(exit != 0, "The build succeeded:" + Environment.NewLine + output);
        Assert.Contains("error " + id + ":", output, StringComparison.Ordinal);
        Assert.DoesNotContain("CS8795", output, StringComparison.Ordinal);
        Assert.DoesNotContain("CS0751", output, StringComparison.Ordinal);
        Assert.DoesNotContain("CS0759", output, StringComparison.Ordinal);

        // Nothing else from the compiler, except, for a non-partial class, CS0260 on the same type with the same fix.
        var compilerErrors = Regex.Matches(output, @"error (CS\d{4})").Select(m => m.Groups[1].Value).Distinct().ToArray();
        Assert.Equal(id == "RTLX0001" ? new[] { "CS0260" } : Array.Empty<string>(), compilerErrors);
    }

    [Fact]
    public async Task A_typed_connection_of_different_payload_types_names_both_types()
    {
        const string Program = """
            using Routilux;

            var flow = new FlowBuilder("demo");
            var ints = flow.Add<Numbers>("numbers");
            var words = flow.Add<Words>("words");
            flow.Connect(ints.Number(), words.Word());
            flow.Entry(ints.Start());

            [Routine]
            public partial class Numbers
            {
                [Slot] public void Start(int count) { Number(count); }
                [Emits] public partial void Number(int value);
            }

            [Routine]
            public partial class Words
            {
                [Slot] public void Word(string word) { }
            }
            """;
        using var project = SdkProject.Create(Program);

        var (exit, output) = await project.BuildAsync();

        Assert.True(exit != 0, "The build succeeded:" + Environment.NewLine + output);
        Assert.Contains(
            "Program.cs(6,1): error RTLX1003: Cannot connect 'ints.Number()' (int) to 'words.Word()' (string) because the payload types differ",
            output,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_language_version_below_the_floor_is_named()
    {
        var program = Wiring + Tokenizer("public partial class Tokenizer", "[Slot] public void Text(string line) { Word(line); }") + Counter;
        using var project = SdkProject.Create(program.Replace("flow.Connect", "// flow.Connect", StringComparison.Ordinal), "<LangVersion>10</LangVersion>");

        var (exit, output) = await project.BuildAsync();

        Assert.True(exit != 0, "The build succeeded:" + Environment.NewLine + output);
        Assert.Contains("error RTLX0016: Routine 'Tokenizer' cannot be generated because this project compiles as C# 10.0, and Routilux needs C# 11.0 or later", output, StringComparison.Ordinal);
        Assert.DoesNotContain("CS8703", output, StringComparison.Ordinal);
    }

    private static string Tokenizer(string header, string members) => $$"""

        [Routine]
        {{header}}
        {
            {{members}}
            [Emits] public partial void Word(string word);
        }
        """;
}
