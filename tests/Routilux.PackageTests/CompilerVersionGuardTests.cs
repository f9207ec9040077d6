namespace Routilux.PackageTests;

/// <summary>
/// On a compiler older than Roslyn 4.8 the package's generator cannot load, and the build must say so instead of
/// failing later with CS8795 on every [Emits] method.
/// </summary>
/// <remarks>
/// The feed here serves no compiler older than 4.8, so the test gives the build the value an older compiler's targets
/// set: CompilerApiVersion, which the SDK reads to choose an analyzer band and the package's targets read to decide.
/// As a global property it overrides the value of the SDK's own compiler, exactly as that older compiler would.
/// </remarks>
[Collection(PackedPackageCollectionDefinition.Name)]
public sealed class CompilerVersionGuardTests(PackedPackage package)
{
    [Fact]
    public async Task A_build_on_Roslyn_4_7_fails_with_RTLXPKG001_naming_the_floor_before_any_compiler_error()
    {
        var consumer = ConsumerProject.Write(package, "consumer-roslyn47", "net10.0", "12", ConsumerProject.TemplateProgram());
        var result = await DotnetCli.RunAllowingFailure(consumer, "build", "-c", "Release", "-p:CompilerApiVersion=roslyn4.7");

        Assert.True(result.ExitCode != 0, $"the build succeeded on Roslyn 4.7:{Environment.NewLine}{result.Output}");
        Assert.Contains("error RTLXPKG001: Routilux needs the C# compiler from Roslyn 4.8 or newer", result.Output, StringComparison.Ordinal);
        Assert.Contains("this build uses Roslyn 4.7", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("CS8795", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_build_on_Roslyn_4_8_passes_the_guard()
    {
        // The floor itself is allowed: the check is "older than 4.8", not "older than the SDK's compiler".
        var consumer = ConsumerProject.Write(package, "consumer-roslyn48", "net10.0", "12", ConsumerProject.TemplateProgram());
        var output = await DotnetCli.Run(consumer, "build", "-c", "Release", "-p:CompilerApiVersion=roslyn4.8");

        Assert.DoesNotContain("RTLXPKG001", output, StringComparison.Ordinal);
    }
}
