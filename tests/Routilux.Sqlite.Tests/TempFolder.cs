using Microsoft.Data.Sqlite;

namespace Routilux.Sqlite.Tests;

/// <summary>A real folder under the system's temp folder for one test's SQLite files, deleted with everything in it afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("routilux-sqlite-").FullName;

    /// <summary>A path in the folder; the file does not exist yet.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        // Nothing pools connections (the store turns pooling off), but a failed test may have left a raw one open.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; never fail a test over cleanup.
        }
    }
}
