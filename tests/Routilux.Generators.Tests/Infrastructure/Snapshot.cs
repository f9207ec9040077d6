using System;
using System.IO;
using System.Runtime.CompilerServices;
using Xunit.Sdk;

namespace Routilux.Generators.Tests.Infrastructure;

/// <summary>
/// Compares generated source with the expected file Snapshots/&lt;Test&gt;.&lt;hint name&gt;. With
/// ROUTILUX_UPDATE_SNAPSHOTS=1 it (re)writes the expected files instead; on a mismatch it writes the actual text
/// beside them as *.received.cs (git-ignored) and fails with the first differing line.
/// </summary>
internal static class Snapshot
{
    public static void Match(string actual, string name, [CallerFilePath] string callerFile = "")
    {
        var directory = SnapshotsDirectory(callerFile);
        var expectedPath = Path.Combine(directory, name);
        var receivedPath = Path.Combine(directory, Path.GetFileNameWithoutExtension(name) + ".received.cs");
        actual = Normalize(actual);

        if (Environment.GetEnvironmentVariable("ROUTILUX_UPDATE_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(expectedPath, actual);
            File.Delete(receivedPath);
            return;
        }

        if (!File.Exists(expectedPath))
        {
            File.WriteAllText(receivedPath, actual);
            throw new XunitException($"No snapshot {expectedPath}. The output is in {receivedPath}; run the tests with ROUTILUX_UPDATE_SNAPSHOTS=1 to accept it.");
        }

        var expected = Normalize(File.ReadAllText(expectedPath));
        if (expected == actual)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, actual);
        throw new XunitException($"Generated source differs from {expectedPath} (actual output in {receivedPath}).\n{FirstDifference(expected, actual)}");
    }

    private static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : "<end of file>";
            var a = i < actualLines.Length ? actualLines[i] : "<end of file>";
            if (e != a)
            {
                return $"First difference at line {i + 1}:\n- expected: {e}\n+ actual:   {a}";
            }
        }

        return "The texts differ only in line endings.";
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n");

    /// <summary>
    /// The Snapshots folder of the test project, found by walking up from the calling source file to the project
    /// file. A CI build maps source paths ([CallerFilePath] then reads "/_/..."), so the test binaries' folder is
    /// the second place to start from.
    /// </summary>
    private static string SnapshotsDirectory(string callerFile)
    {
        foreach (var start in new[] { Path.GetDirectoryName(callerFile), AppContext.BaseDirectory })
        {
            for (var directory = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Routilux.Generators.Tests.csproj")))
                {
                    return Path.Combine(directory.FullName, "Snapshots");
                }
            }
        }

        throw new InvalidOperationException($"Cannot find the test project folder from {callerFile} or {AppContext.BaseDirectory}.");
    }
}
