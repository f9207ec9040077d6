using System.IO.Compression;
using System.Xml.Linq;

namespace Routilux.PackageTests;

/// <summary>
/// Packs Routilux and Routilux.Sqlite once for every test in the "packed package" collection, the way a release is
/// packed: from a git clone of the GitHub repository (so SourceLink and the nuspec get a real commit), as a CI build.
/// </summary>
/// <remarks>
/// The pack runs on a copy of the sources, so it never touches the bin/obj folders the test run itself is using.
/// The copy becomes its own git repository whose origin is the project's GitHub URL: SourceLink reads the URL and
/// commit from git, and the real repository here may have no remote at all. Its .gitignore comes along, since
/// SourceLink embeds in the PDB exactly the files git ignores (generated ones, which GitHub cannot serve).
/// </remarks>
public sealed class PackedPackage : IAsyncLifetime
{
    /// <summary>The URL SourceLink and the nuspec should name.</summary>
    public const string RepositoryUrl = "https://github.com/routilux/routilux-dotnet";

    /// <summary>A temporary folder for this run: the copied sources, the feed and the consumer projects.</summary>
    public string WorkDirectory { get; } = Directory.CreateTempSubdirectory("routilux-package-").FullName;

    /// <summary>The version the package was packed with, unique per run.</summary>
    public string Version { get; } = $"0.1.0-pkgtest.{DateTime.UtcNow:yyyyMMddHHmmss}";

    /// <summary>The copy of the sources the package was packed from, a git repository.</summary>
    public string SourceCopy => Path.Combine(WorkDirectory, "repo");

    /// <summary>The folder the package was packed into, used as a package source by consumers.</summary>
    public string Feed => Path.Combine(WorkDirectory, "feed");

    /// <summary>The .nupkg file.</summary>
    public string PackagePath => Path.Combine(Feed, $"Routilux.{Version}.nupkg");

    /// <summary>The Routilux.Sqlite .nupkg file, packed with the same version beside <see cref="PackagePath"/>.</summary>
    public string SqlitePackagePath => Path.Combine(Feed, $"Routilux.Sqlite.{Version}.nupkg");

    /// <summary>The commit of <see cref="SourceCopy"/> that was packed.</summary>
    public string Commit { get; private set; } = "";

    /// <summary>The arguments of the pack, so a test can repeat it.</summary>
    public string[] PackArguments(string output) =>
        ["pack", "src/Routilux/Routilux.csproj", "-c", "Release", "-o", output, $"-p:Version={Version}", "-p:ContinuousIntegrationBuild=true"];

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var root = RepositoryRoot();
        Directory.CreateDirectory(SourceCopy);
        foreach (var file in new[] { ".gitignore", "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json", "LICENSE" })
        {
            File.Copy(Path.Combine(root, file), Path.Combine(SourceCopy, file));
        }

        foreach (var project in new[] { "src/Routilux", "src/Routilux.Sqlite", "generators/Routilux.Generators", "analyzers/Routilux.Analyzers", "analyzers/Routilux.CodeFixes" })
        {
            CopySources(Path.Combine(root, project), Path.Combine(SourceCopy, project));
        }

        await DotnetCli.Git(SourceCopy, "-c", "init.defaultBranch=main", "init", "--quiet");
        await DotnetCli.Git(SourceCopy, "remote", "add", "origin", RepositoryUrl + ".git");
        await DotnetCli.Git(SourceCopy, "add", "--all");
        await DotnetCli.Git(SourceCopy, "commit", "--quiet", "-m", "Sources of the package under test");
        Commit = await DotnetCli.Git(SourceCopy, "rev-parse", "HEAD");

        await DotnetCli.Run(SourceCopy, PackArguments(Feed));
        Assert.True(File.Exists(PackagePath), $"pack did not write {PackagePath}");

        // The store's package after the runtime's, whose build it reuses.
        await DotnetCli.Run(SourceCopy, ["pack", "src/Routilux.Sqlite/Routilux.Sqlite.csproj", "-c", "Release", "-o", Feed, $"-p:Version={Version}", "-p:ContinuousIntegrationBuild=true"]);
        Assert.True(File.Exists(SqlitePackagePath), $"pack did not write {SqlitePackagePath}");
    }

    /// <summary>The full names of every file in the package (Routilux, or the one at <paramref name="packagePath"/>).</summary>
    public IReadOnlyList<string> Entries(string? packagePath = null)
    {
        using var zip = ZipFile.OpenRead(packagePath ?? PackagePath);
        return zip.Entries.Select(e => e.FullName).ToList();
    }

    /// <summary>The bytes of one file in the package (Routilux, or the one at <paramref name="packagePath"/>); fails the test when it is missing.</summary>
    public byte[] ReadEntry(string name, string? packagePath = null)
    {
        using var zip = ZipFile.OpenRead(packagePath ?? PackagePath);
        var entry = zip.GetEntry(name);
        Assert.True(entry is not null, $"the package has no {name}; it has: {string.Join(", ", Entries(packagePath))}");
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The nuspec's metadata element.</summary>
    public XElement NuspecMetadata()
    {
        var nuspec = XDocument.Load(new MemoryStream(ReadEntry("Routilux.nuspec")));
        return nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; never fail a test over cleanup.
        }

        return Task.CompletedTask;
    }

    /// <summary>The folder of Routilux.sln above the test's output folder.</summary>
    public static string RepositoryRoot()
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
}

/// <summary>Every test that needs the packed package shares one pack, and they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PackedPackageCollectionDefinition : ICollectionFixture<PackedPackage>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "packed package";
}
