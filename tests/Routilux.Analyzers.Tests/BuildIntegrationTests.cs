using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Routilux.Analyzers.Wiring;
using Routilux.Generators;
using Xunit;

namespace Routilux.Analyzers.Tests;

/// <summary>
/// A real <c>dotnet build</c> of a small project with an unconnected slot, referencing the runtime and loading the
/// built generator and analyzers as a user's project does: the warning names the file, line, routine and slot, and
/// TreatWarningsAsErrors turns it into a failed build.
/// </summary>
public sealed class BuildIntegrationTests : IDisposable
{
    private const string Program = """
        using Routilux;

        var flow = new FlowBuilder("demo");
        var tokenizer = flow.Add<Tokenizer>("tokenizer");
        var counter = flow.Add<Counter>("counter");
        flow.Entry(tokenizer.Text());
        Console.WriteLine(flow.Build().Id);

        [Routine]
        public partial class Tokenizer
        {
            [Slot] public void Text(string line) { foreach (var word in line.Split(' ')) Word(word); }
            [Emits] public partial void Word(string word);
        }

        [Routine]
        public partial class Counter
        {
            [Slot] public void Word(string word) { }
        }
        """;

    private const string Project = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
          </PropertyGroup>
          <ItemGroup>
            <Reference Include="Routilux" HintPath="lib/Routilux.dll" />
            <Analyzer Include="analyzers/Routilux.Generators.dll" />
            <Analyzer Include="analyzers/Routilux.Analyzers.dll" />
          </ItemGroup>
        </Project>
        """;

    private readonly string _work = Directory.CreateTempSubdirectory("routilux-analyzers-").FullName;

    [Fact]
    public async Task Dotnet_build_reports_the_unconnected_slot_and_fails_with_warnings_as_errors()
    {
        File.WriteAllText(Path.Combine(_work, "Program.cs"), Program);
        File.WriteAllText(Path.Combine(_work, "Demo.csproj"), Project);
        Copy(typeof(RoutineAttribute).Assembly.Location, "lib");
        Copy(typeof(RoutineGenerator).Assembly.Location, "analyzers");
        Copy(typeof(FlowAnalyzer).Assembly.Location, "analyzers");

        // With warnings as errors first: the failed build leaves nothing for the second to skip as up to date.
        var (strictExit, strictOutput) = await Dotnet("build", "-p:TreatWarningsAsErrors=true");
        Assert.True(strictExit != 0, "The build with warnings as errors succeeded:" + Environment.NewLine + strictOutput);
        Assert.Contains("error RTLX1001", strictOutput, StringComparison.Ordinal);

        var (exit, output) = await Dotnet("build", "--no-restore");
        Assert.True(exit == 0, "The build failed:" + Environment.NewLine + output);
        Assert.Contains(
            "Program.cs(5,15): warning RTLX1001: Slot 'Word' of routine 'counter' in flow 'demo' is never connected",
            output,
            StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; never fail a test over cleanup.
        }
    }

    private void Copy(string file, string folder)
    {
        Directory.CreateDirectory(Path.Combine(_work, folder));
        File.Copy(file, Path.Combine(_work, folder, Path.GetFileName(file)));
    }

    private async Task<(int ExitCode, string Output)> Dotnet(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _work, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No build server or node left behind, and nothing inherited from the test run's own MSBuild.
        start.ArgumentList.Add("-nodeReuse:false");
        start.ArgumentList.Add("-p:UseSharedCompilation=false");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        start.Environment.Remove("MSBuildSDKsPath");

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
