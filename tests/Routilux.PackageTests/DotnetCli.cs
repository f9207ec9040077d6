namespace Routilux.PackageTests;

/// <summary>The output and exit code of one process the tests started.</summary>
internal sealed record ProcessResult(int ExitCode, string Output);

/// <summary>
/// Runs the SDK (and the programs it builds) the way a user would from a shell, isolated from the test run's own
/// MSBuild so a nested build never shares its nodes or settings.
/// </summary>
internal static class DotnetCli
{
    /// <summary>Runs <c>dotnet</c> and fails the test, with the whole output, when it exits non-zero.</summary>
    public static async Task<string> Run(string workingDirectory, params string[] arguments)
    {
        var result = await RunAllowingFailure(workingDirectory, arguments);
        Assert.True(result.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} exited {result.ExitCode}:{Environment.NewLine}{result.Output}");
        return result.Output;
    }

    /// <summary>Runs <c>dotnet</c> for a test that expects it may fail, and returns what it said.</summary>
    public static Task<ProcessResult> RunAllowingFailure(string workingDirectory, params string[] arguments) =>
        Start("dotnet", workingDirectory, arguments);

    /// <summary>Runs a program (such as a self-contained app) and fails the test when it exits non-zero.</summary>
    public static async Task<string> RunProgram(string path, string workingDirectory)
    {
        var result = await Start(path, workingDirectory);
        Assert.True(result.ExitCode == 0, $"{path} exited {result.ExitCode}:{Environment.NewLine}{result.Output}");
        return result.Output;
    }

    /// <summary>Runs <c>git</c> with a fixed identity, for the repository a test packs from.</summary>
    public static async Task<string> Git(string workingDirectory, params string[] arguments)
    {
        var result = await Start("git", workingDirectory, ["-c", "user.name=Routilux tests", "-c", "user.email=tests@routilux.invalid", "-c", "commit.gpgsign=false", .. arguments]);
        Assert.True(result.ExitCode == 0, $"git {string.Join(' ', arguments)} exited {result.ExitCode}:{Environment.NewLine}{result.Output}");
        return result.Output.Trim();
    }

    private static async Task<ProcessResult> Start(string fileName, string workingDirectory, params string[] arguments)
    {
        var (exitCode, output) = await Routilux.Tests.Shared.IsolatedProcess.RunAsync(fileName, workingDirectory, arguments);
        return new ProcessResult(exitCode, output);
    }
}
