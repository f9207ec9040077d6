using System.Diagnostics;
using System.IO.Compression;

namespace Routilux.PackageTests;

/// <summary>
/// Packs Routilux the way it ships (runtime plus generator inside the package) and builds a consumer project that
/// references it by version, proving the generator works where users get it: from NuGet.
/// </summary>
public sealed class PackageConsumptionTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("routilux-package-").FullName;

    [Fact]
    public async Task A_consumer_referencing_the_package_by_version_generates_wiring_and_runs_on_CSharp_14_and_builds_on_CSharp_12()
    {
        var root = RepositoryRoot();
        var version = $"0.1.0-pkgtest.{DateTime.UtcNow:yyyyMMddHHmmss}";
        var feed = Path.Combine(_work, "feed");

        // Pack from a copy of the sources, so this build never touches the bin/obj folders the test run is using.
        var copy = Path.Combine(_work, "repo");
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json", "LICENSE" })
        {
            Directory.CreateDirectory(copy);
            File.Copy(Path.Combine(root, file), Path.Combine(copy, file));
        }

        CopySources(Path.Combine(root, "src", "Routilux"), Path.Combine(copy, "src", "Routilux"));
        CopySources(Path.Combine(root, "generators", "Routilux.Generators"), Path.Combine(copy, "generators", "Routilux.Generators"));
        CopySources(Path.Combine(root, "analyzers", "Routilux.Analyzers"), Path.Combine(copy, "analyzers", "Routilux.Analyzers"));
        CopySources(Path.Combine(root, "analyzers", "Routilux.CodeFixes"), Path.Combine(copy, "analyzers", "Routilux.CodeFixes"));

        await Dotnet(copy, "pack", "src/Routilux/Routilux.csproj", "-c", "Release", "-o", feed, $"-p:Version={version}");

        var package = Path.Combine(feed, $"Routilux.{version}.nupkg");
        Assert.True(File.Exists(package), $"pack did not write {package}");
        using (var zip = ZipFile.OpenRead(package))
        {
            var entries = zip.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("analyzers/dotnet/roslyn4.8/cs/Routilux.Generators.dll", entries);
            Assert.Contains("analyzers/dotnet/roslyn4.8/cs/Routilux.Analyzers.dll", entries);
            Assert.Contains("analyzers/dotnet/roslyn4.8/cs/Routilux.CodeFixes.dll", entries);
            Assert.Contains("lib/net8.0/Routilux.dll", entries);
            Assert.Contains("lib/net10.0/Routilux.dll", entries);
            Assert.Contains("lib/net10.0/Routilux.xml", entries);
        }

        // C# 14 on net10.0: built and run, so the generated wiring is exercised end to end.
        var consumer = WriteConsumer("consumer", feed, version, "net10.0", "14");
        var output = await Dotnet(consumer, "run", "-c", "Release");

        Assert.Contains("status: Completed", output, StringComparison.Ordinal);
        Assert.Contains("heard: ROUTILUX FROM A PACKAGE", output, StringComparison.Ordinal);
        Assert.Contains("catalog: Splits text into words.", output, StringComparison.Ordinal);

        // C# 12 on net8.0: built with warnings as errors (this machine has no .NET 8 runtime to run it).
        var older = WriteConsumer("consumer-net8", feed, version, "net8.0", "12");
        var build = await Dotnet(older, "build", "-c", "Release");
        Assert.Contains("0 Warning(s)", build, StringComparison.Ordinal);
    }

    private string WriteConsumer(string name, string feed, string version, string targetFramework, string languageVersion)
    {
        var consumer = Path.Combine(_work, name);
        Directory.CreateDirectory(consumer);
        var template = Path.Combine(AppContext.BaseDirectory, "Consumer");
        File.Copy(Path.Combine(template, "Program.cs"), Path.Combine(consumer, "Program.cs"));
        File.WriteAllText(
            Path.Combine(consumer, "Consumer.csproj"),
            File.ReadAllText(Path.Combine(template, "Consumer.csproj.template"))
                .Replace("@VERSION@", version, StringComparison.Ordinal)
                .Replace("@TFM@", targetFramework, StringComparison.Ordinal)
                .Replace("@LANG@", languageVersion, StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        return consumer;
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

    private static string RepositoryRoot()
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

    private static void CopySources(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            var top = relative.Split(Path.DirectorySeparatorChar)[0];
            if (top is "bin" or "obj")
            {
                continue;
            }

            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static async Task<string> Dotnet(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        // A nested build must not inherit the test run's MSBuild node or coverage settings.
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        start.Environment.Remove("MSBuildSDKsPath");

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await process.WaitForExitAsync(timeout.Token);
        var output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} exited {process.ExitCode}:{Environment.NewLine}{output}");
        return output;
    }
}
