namespace Routilux.PackageTests;

/// <summary>
/// Writes a console project that references the packed Routilux by version from a local feed, as a user's project
/// references it from nuget.org.
/// </summary>
internal static class ConsumerProject
{
    /// <summary>The consumer's program from the Consumer folder: a flow of two routines that prints what it heard.</summary>
    public static string TemplateProgram() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Consumer", "Program.cs"));

    /// <summary>The SQLite store's consumer program from the Consumer folder: saves checkpoints to a file and loads them back.</summary>
    public static string SqliteProgram() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Consumer", "SqliteProgram.cs"));

    /// <summary>
    /// Writes the project into a new folder of the package's work folder and returns that folder. The default template
    /// is as strict as this repository (recommended analyzers, warnings as errors); NewConsole.csproj.template is what
    /// <c>dotnet new console</c> writes.
    /// </summary>
    public static string Write(
        PackedPackage package, string name, string targetFramework, string languageVersion, string program, string template = "Consumer.csproj.template")
    {
        var consumer = Path.Combine(package.WorkDirectory, name);
        Directory.CreateDirectory(consumer);
        File.WriteAllText(Path.Combine(consumer, "Program.cs"), program);
        File.WriteAllText(
            Path.Combine(consumer, "Consumer.csproj"),
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Consumer", template))
                .Replace("@VERSION@", package.Version, StringComparison.Ordinal)
                .Replace("@TFM@", targetFramework, StringComparison.Ordinal)
                .Replace("@LANG@", languageVersion, StringComparison.Ordinal));

        // The consumer restores into its own folder, so the test's package versions never pile up in the machine's
        // cache; that cache is still read first, so SDK packs it already holds are not downloaded again.
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{package.Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="machine" value="{MachinePackageCache()}" />
              </fallbackPackageFolders>
            </configuration>
            """);
        return consumer;
    }

    private static string MachinePackageCache() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
