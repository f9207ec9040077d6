using System;
using System.IO;
using System.Threading.Tasks;
using Routilux.Analyzers.Wiring;
using Routilux.Generators;

namespace Routilux.Analyzers.Tests.Infrastructure;

/// <summary>
/// A console project built with the real SDK (<c>dotnet build</c>), referencing the runtime and loading the built
/// generator and analyzers as a user's project gets them from the package. Lives in a temporary folder it deletes.
/// </summary>
internal sealed class SdkProject : IDisposable
{
    private SdkProject(string directory) => Directory = directory;

    public string Directory { get; }

    /// <summary>A project with <paramref name="program"/> as Program.cs and the given extra project properties.</summary>
    public static SdkProject Create(string program, string properties = "")
    {
        var project = new SdkProject(System.IO.Directory.CreateTempSubdirectory("routilux-sdk-").FullName);
        project.Write("Program.cs", program);
        project.Write("Demo.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                {properties}
              </PropertyGroup>
              <ItemGroup>
                <Reference Include="Routilux" HintPath="lib/Routilux.dll" />
                <!-- What the Routilux package brings as its dependency. -->
                <Reference Include="Microsoft.Extensions.Logging.Abstractions" HintPath="lib/Microsoft.Extensions.Logging.Abstractions.dll" />
                <Analyzer Include="analyzers/Routilux.Generators.dll" />
                <Analyzer Include="analyzers/Routilux.Analyzers.dll" />
              </ItemGroup>
            </Project>
            """);
        project.Copy(typeof(RoutineAttribute).Assembly.Location, "lib");
        project.Copy(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location, "lib");
        project.Copy(typeof(RoutineGenerator).Assembly.Location, "analyzers");
        project.Copy(typeof(FlowAnalyzer).Assembly.Location, "analyzers");
        return project;
    }

    public void Write(string name, string text) => File.WriteAllText(Path.Combine(Directory, name), text);

    /// <summary>Runs <c>dotnet build</c> (no build server, nothing inherited from the test run's MSBuild).</summary>
    public Task<(int ExitCode, string Output)> BuildAsync(params string[] arguments) =>
        DotnetAsync(["build", .. arguments, "-nodeReuse:false", "-p:UseSharedCompilation=false"]);

    /// <summary>Runs the program built by <see cref="BuildAsync"/>.</summary>
    public Task<(int ExitCode, string Output)> RunAsync() => DotnetAsync(["run", "--no-build"]);

    private Task<(int ExitCode, string Output)> DotnetAsync(string[] arguments) =>
        Routilux.Tests.Shared.IsolatedProcess.RunAsync("dotnet", Directory, arguments);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; never fail a test over cleanup.
        }
    }

    private void Copy(string file, string folder)
    {
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, folder));
        File.Copy(file, Path.Combine(Directory, folder, Path.GetFileName(file)));
    }
}
