using System.Buffers.Binary;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Routilux.PackageTests;

/// <summary>
/// What nuget.org and a user's build read from the package: its files, its nuspec, its package-page README, and the
/// analyzers the compiler loads.
/// </summary>
[Collection(PackedPackageCollectionDefinition.Name)]
public sealed class PackageContentsTests(PackedPackage package)
{
    private const string AnalyzerFolder = "analyzers/dotnet/roslyn4.8/cs/";

    [Fact]
    public void The_runtime_ships_for_net8_and_net10_with_its_xml_docs()
    {
        var entries = package.Entries();
        foreach (var framework in new[] { "net8.0", "net10.0" })
        {
            Assert.Contains($"lib/{framework}/Routilux.dll", entries);
            Assert.Contains($"lib/{framework}/Routilux.xml", entries);
        }

        Assert.DoesNotContain(entries, e => e.EndsWith(".pdb", StringComparison.Ordinal));
    }

    [Fact]
    public void The_analyzers_folder_holds_the_generator_analyzers_and_code_fixes_for_Roslyn_4_8_only()
    {
        var analyzers = package.Entries().Where(e => e.StartsWith("analyzers/", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        Assert.Equal(
            [AnalyzerFolder + "Routilux.Analyzers.dll", AnalyzerFolder + "Routilux.CodeFixes.dll", AnalyzerFolder + "Routilux.Generators.dll"],
            analyzers);
    }

    [Theory]
    [InlineData("Routilux.Analyzers.dll")]
    [InlineData("Routilux.CodeFixes.dll")]
    [InlineData("Routilux.Generators.dll")]
    public void Each_analyzer_assembly_references_no_Roslyn_newer_than_4_8(string assembly)
    {
        // A reference to a newer Roslyn than the band's folder says would fail to load in the compilers that folder is for.
        using var pe = new PEReader(new MemoryStream(package.ReadEntry(AnalyzerFolder + assembly)));
        var metadata = pe.GetMetadataReader();
        var roslyn = metadata.AssemblyReferences
            .Select(metadata.GetAssemblyReference)
            .Where(r => metadata.GetString(r.Name).StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(roslyn);
        Assert.All(roslyn, r => Assert.True(r.Version <= new Version(4, 8, 0, 0), $"{assembly} references {metadata.GetString(r.Name)} {r.Version}"));
    }

    [Fact]
    public void The_nuspec_names_the_license_readme_icon_project_release_notes_and_the_packed_commit()
    {
        var metadata = package.NuspecMetadata();
        string Value(string name) => Element(metadata, name).Value;

        var license = Element(metadata, "license");
        Assert.Equal("expression", license.Attribute("type")?.Value);
        Assert.Equal("MIT", license.Value);
        Assert.Equal("PACKAGE.md", Value("readme"));
        Assert.Equal("icon.png", Value("icon"));
        Assert.Equal(PackedPackage.RepositoryUrl, Value("projectUrl"));
        Assert.Contains("0.1.0", Value("releaseNotes"), StringComparison.Ordinal);

        var repository = Element(metadata, "repository");
        Assert.Equal("git", repository.Attribute("type")?.Value);
        Assert.Equal(PackedPackage.RepositoryUrl, repository.Attribute("url")?.Value);
        Assert.Equal(package.Commit, repository.Attribute("commit")?.Value);
    }

    [Fact]
    public void The_LICENSE_file_is_the_MIT_license_of_the_Routilux_contributors()
    {
        var license = Encoding.UTF8.GetString(package.ReadEntry("LICENSE"));
        Assert.StartsWith("MIT License", license, StringComparison.Ordinal);
        Assert.Contains("Copyright (c) Routilux contributors", license, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(Path.Combine(PackedPackage.RepositoryRoot(), "LICENSE")), license);
    }

    [Fact]
    public void The_package_README_is_written_for_the_package_page()
    {
        var readme = Encoding.UTF8.GetString(package.ReadEntry("PACKAGE.md"));
        Assert.Contains("dotnet add package Routilux", readme, StringComparison.Ordinal);
        Assert.Contains("```csharp", readme, StringComparison.Ordinal);
        Assert.Contains($"({PackedPackage.RepositoryUrl}/blob/main/docs/diagnostics/README.md)", readme, StringComparison.Ordinal);

        // A relative link means nothing on nuget.org, which shows the README away from the repository.
        var links = Regex.Matches(readme, @"\]\(([^)]*)\)").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(links);
        Assert.All(links, link => Assert.StartsWith(PackedPackage.RepositoryUrl, link, StringComparison.Ordinal));
        Assert.DoesNotContain(".ci/run", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void The_icon_is_a_square_PNG_of_at_least_64_pixels()
    {
        var icon = package.ReadEntry("icon.png");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], icon[..8]);

        // The IHDR chunk comes first: its width and height are big-endian at bytes 16 and 20.
        var width = BinaryPrimitives.ReadInt32BigEndian(icon.AsSpan(16));
        var height = BinaryPrimitives.ReadInt32BigEndian(icon.AsSpan(20));
        Assert.Equal(width, height);
        Assert.InRange(width, 64, 1024);
    }

    [Fact]
    public void BuildTransitive_targets_guard_the_compiler_version_and_no_build_folder_duplicates_them()
    {
        var entries = package.Entries();
        Assert.Contains("buildTransitive/Routilux.targets", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("build/", StringComparison.Ordinal));

        var targets = XDocument.Load(new MemoryStream(package.ReadEntry("buildTransitive/Routilux.targets")));
        var error = targets.Descendants().Single(e => e.Name.LocalName == "Error");
        Assert.Equal("RTLXPKG001", error.Attribute("Code")?.Value);
        Assert.Contains("Roslyn 4.8", error.Attribute("Text")?.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void The_SQLite_store_ships_for_net8_and_net10_and_depends_on_the_same_Routilux_and_Microsoft_Data_Sqlite()
    {
        var entries = package.Entries(package.SqlitePackagePath);
        foreach (var framework in new[] { "net8.0", "net10.0" })
        {
            Assert.Contains($"lib/{framework}/Routilux.Sqlite.dll", entries);
            Assert.Contains($"lib/{framework}/Routilux.Sqlite.xml", entries);
        }

        Assert.Contains("PACKAGE.md", entries);
        Assert.Contains("icon.png", entries);
        Assert.Contains("LICENSE", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("analyzers/", StringComparison.Ordinal));

        var nuspec = XDocument.Load(new MemoryStream(package.ReadEntry("Routilux.Sqlite.nuspec", package.SqlitePackagePath)));
        var dependencies = nuspec.Descendants().Where(e => e.Name.LocalName == "dependency").ToList();
        foreach (var framework in new[] { "net8.0", "net10.0" })
        {
            var group = nuspec.Descendants().Single(e => e.Name.LocalName == "group" && e.Attribute("targetFramework")?.Value == framework);
            var ids = group.Elements().ToDictionary(e => e.Attribute("id")!.Value, e => e.Attribute("version")!.Value);
            Assert.Equal(package.Version, ids["Routilux"]);
            Assert.True(ids.ContainsKey("Microsoft.Data.Sqlite"), $"{framework} does not depend on Microsoft.Data.Sqlite: {group}");
        }

        Assert.NotEmpty(dependencies);
        var readme = Encoding.UTF8.GetString(package.ReadEntry("PACKAGE.md", package.SqlitePackagePath));
        Assert.Contains("dotnet add package Routilux.Sqlite", readme, StringComparison.Ordinal);
        var links = Regex.Matches(readme, @"\]\(([^)]*)\)").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(links);
        Assert.All(links, link => Assert.StartsWith(PackedPackage.RepositoryUrl, link, StringComparison.Ordinal));
    }

    private static XElement Element(XElement metadata, string name)
    {
        var element = metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name);
        Assert.True(element is not null, $"the nuspec has no <{name}>: {metadata}");
        return element;
    }
}
