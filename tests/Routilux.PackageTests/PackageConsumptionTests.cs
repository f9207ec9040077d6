using System.Text.RegularExpressions;

namespace Routilux.PackageTests;

/// <summary>
/// Console projects that reference the packed Routilux by version, as users do from NuGet: the generator runs where
/// users get it, and the runtime runs on both of its target frameworks.
/// </summary>
[Collection(PackedPackageCollectionDefinition.Name)]
public sealed class PackageConsumptionTests(PackedPackage package)
{
    [Fact]
    public async Task A_CSharp_14_consumer_on_net10_generates_wiring_and_runs_the_flow()
    {
        var consumer = ConsumerProject.Write(package, "consumer-net10", "net10.0", "14", ConsumerProject.TemplateProgram());
        var output = await DotnetCli.Run(consumer, "run", "-c", "Release");

        AssertFlowRan(output);
        Assert.Contains("runtime: .NET 10.", output, StringComparison.Ordinal);

        // A direct reference imports buildTransitive/ too, which is why the package needs no build/ folder.
        var imports = await File.ReadAllTextAsync(Path.Combine(consumer, "obj", "Consumer.csproj.nuget.g.targets"));
        Assert.Contains("buildTransitive/Routilux.targets", imports.Replace('\\', '/'), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_CSharp_12_consumer_on_net8_published_self_contained_runs_the_flow_on_the_net8_runtime()
    {
        // This machine has no .NET 8 shared runtime: a self-contained publish brings its own, so the net8.0 build of
        // Routilux really runs, with the generated code of a C# 12 compilation.
        var consumer = ConsumerProject.Write(package, "consumer-net8", "net8.0", "12", ConsumerProject.TemplateProgram());
        var publish = Path.Combine(consumer, "publish");
        await DotnetCli.Run(consumer, "publish", "-c", "Release", "-r", "linux-x64", "--self-contained", "-o", publish, "-warnaserror");

        var output = await DotnetCli.RunProgram(Path.Combine(publish, "Consumer"), consumer);

        AssertFlowRan(output);
        Assert.Contains("runtime: .NET 8.0.", output, StringComparison.Ordinal);
        Assert.Contains("routilux: .NETCoreApp,Version=v8.0", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_package_README_example_compiles_and_runs_as_a_new_console_program()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(PackedPackage.RepositoryRoot(), "src", "Routilux", "PACKAGE.md"));
        var blocks = Regex.Matches(readme, "```csharp\r?\n(.*?)```", RegexOptions.Singleline);
        var example = Assert.Single(blocks).Groups[1].Value;

        var consumer = ConsumerProject.Write(package, "consumer-readme", "net10.0", "default", example, "NewConsole.csproj.template");
        var output = await DotnetCli.Run(consumer, "run", "-c", "Release");

        Assert.Contains("Hello, world!", output, StringComparison.Ordinal);
        Assert.Contains("Completed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_consumer_of_Routilux_Sqlite_alone_saves_and_loads_checkpoints_in_a_real_file()
    {
        // Routilux comes in as Routilux.Sqlite's dependency, and SQLite's native library with Microsoft.Data.Sqlite.
        var consumer = ConsumerProject.Write(package, "consumer-sqlite", "net10.0", "14", ConsumerProject.SqliteProgram(), "SqliteConsumer.csproj.template");
        var output = await DotnetCli.Run(consumer, "run", "-c", "Release");

        Assert.Contains("loaded: checkpoint 3 of worker 'orders-1' (flow 'orders')", output, StringComparison.Ordinal);
        Assert.Contains("""document: {"format":1,"worker":"orders-1","sequence":3}""", output, StringComparison.Ordinal);
        Assert.Contains("kept: 2,3", output, StringComparison.Ordinal);
        Assert.Contains("workers: orders-1", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(consumer, "checkpoints.db")), "the program wrote no checkpoints.db");
        var assets = await File.ReadAllTextAsync(Path.Combine(consumer, "obj", "project.assets.json"));
        Assert.Contains($"\"Routilux/{package.Version}\"", assets, StringComparison.Ordinal);
    }

    private static void AssertFlowRan(string output)
    {
        Assert.Contains("status: Completed", output, StringComparison.Ordinal);
        Assert.Contains("heard: ROUTILUX FROM A PACKAGE", output, StringComparison.Ordinal);
        Assert.Contains("catalog: Splits text into words.", output, StringComparison.Ordinal);
    }
}
