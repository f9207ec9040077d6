using System.IO;
using System.Runtime.CompilerServices;

namespace Routilux.Tests;

/// <summary>
/// Compares text with a file committed in the source tree (Snapshots/ or a doc), or rewrites the file when
/// ROUTILUX_UPDATE_SNAPSHOTS=1, so an intended change is one review of a diff.
/// </summary>
internal static class SnapshotFile
{
    public const string UpdateVariable = "ROUTILUX_UPDATE_SNAPSHOTS";

    public static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    /// <summary>The repository's root, found from this file's place in the source tree (tests/Routilux.Tests).</summary>
    public static string RepositoryRoot => Path.GetFullPath(Path.Combine(SourceDirectory(), "..", ".."));

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

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
