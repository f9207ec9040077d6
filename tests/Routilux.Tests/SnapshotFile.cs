using System.IO;

namespace Routilux.Tests;

/// <summary>
/// Compares text with a file committed in the source tree (Snapshots/ or a doc), or rewrites the file when
/// ROUTILUX_UPDATE_SNAPSHOTS=1, so an intended change is one review of a diff.
/// </summary>
internal static class SnapshotFile
{
    public const string UpdateVariable = "ROUTILUX_UPDATE_SNAPSHOTS";

    public static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    /// <summary>
    /// The repository's root: the nearest folder above the test binaries that holds Routilux.sln. Not the compiler's
    /// [CallerFilePath], which a CI build maps to "/_/" (deterministic paths).
    /// </summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Asserts that <paramref name="actual"/> is tests/Routilux.Tests/Snapshots/<paramref name="file"/>, or rewrites it.</summary>
    /// <param name="file">The snapshot's file name.</param>
    /// <param name="actual">What the code writes now.</param>
    /// <param name="filter">The test filter that reruns the test, for the message.</param>
    public static void AssertMatches(string file, string actual, string filter)
    {
        var path = Path.Combine(SourceDirectory(), "Snapshots", file);
        if (Updating)
        {
            File.WriteAllText(path, actual);
            return;
        }

        var expected = File.Exists(path) ? File.ReadAllText(path) : "(no snapshot file)";
        Assert.True(
            expected == actual,
            $"The output differs from tests/Routilux.Tests/Snapshots/{file}. If the change is intended, update the snapshots with " +
            $"`{UpdateVariable}=1 dotnet test tests/Routilux.Tests --filter FullyQualifiedName~{filter}`, review the diff and commit it.\n" +
            $"Expected:\n{expected}\nActual:\n{actual}");
    }

    private static string SourceDirectory() => Path.Combine(RepositoryRoot, "tests", "Routilux.Tests");

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Routilux.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Routilux.sln above {AppContext.BaseDirectory}: the snapshot tests run from the repository's build output.");
    }
}
