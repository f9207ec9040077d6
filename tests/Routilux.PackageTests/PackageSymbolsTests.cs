using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Text.Json;

namespace Routilux.PackageTests;

/// <summary>
/// A debugger can step into the packaged runtime: each Routilux.dll embeds its PDB, whose SourceLink map points at the
/// packed commit on GitHub, and the CI pack is reproducible.
/// </summary>
[Collection(PackedPackageCollectionDefinition.Name)]
public sealed class PackageSymbolsTests(PackedPackage package)
{
    // Custom debug information kinds, from the Portable PDB specification.
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");
    private static readonly Guid EmbeddedSourceKind = new("0E8A571B-6926-466E-B4AD-8AB04611F5FE");

    [Theory]
    [InlineData("net8.0")]
    [InlineData("net10.0")]
    public void Routilux_dll_embeds_a_PDB_whose_SourceLink_maps_the_sources_to_the_packed_commit_on_GitHub(string framework)
    {
        using var pe = new PEReader(new MemoryStream(package.ReadEntry($"lib/{framework}/Routilux.dll")));
        var debug = pe.ReadDebugDirectory();

        // Reproducible: built with /deterministic, so the same sources give the same dll.
        Assert.Contains(debug, entry => entry.Type == DebugDirectoryEntryType.Reproducible);

        var embedded = debug.Single(entry => entry.Type == DebugDirectoryEntryType.EmbeddedPortablePdb);
        using var pdbProvider = pe.ReadEmbeddedPortablePdbDebugDirectoryData(embedded);
        var pdb = pdbProvider.GetMetadataReader();

        var sourceLink = JsonDocument.Parse(Encoding.UTF8.GetString(pdb.GetBlobBytes(CustomDebugInformation(pdb, SourceLinkKind).Single().Value)));
        var map = sourceLink.RootElement.GetProperty("documents").EnumerateObject().ToList();
        var mapping = Assert.Single(map);
        Assert.Equal("/_/*", mapping.Name);
        Assert.Equal("https://raw.githubusercontent.com/routilux/routilux-dotnet/" + package.Commit + "/*", mapping.Value.GetString());

        // Under ContinuousIntegrationBuild every path is mapped to /_/, so no path of the packing machine leaks in.
        var documents = pdb.Documents.Select(d => pdb.GetString(pdb.GetDocument(d).Name)).ToList();
        Assert.Contains("/_/src/Routilux/Runtime/Runtime.cs", documents);
        Assert.All(documents, path => Assert.StartsWith("/_/", path, StringComparison.Ordinal));

        // Files git does not track (the generated AssemblyInfo) travel inside the PDB, since SourceLink cannot fetch them.
        var embeddedSources = CustomDebugInformation(pdb, EmbeddedSourceKind).Select(info => pdb.GetString(pdb.GetDocument((DocumentHandle)info.Parent).Name));
        Assert.Contains(embeddedSources, path => path.EndsWith("/Routilux.AssemblyInfo.cs", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Packing_the_same_commit_again_as_a_CI_build_gives_the_same_bytes()
    {
        // Only the packing is repeated; the compiler's part is covered by the Reproducible entry above.
        var again = Path.Combine(package.WorkDirectory, "feed-again");
        await DotnetCli.Run(package.SourceCopy, [.. package.PackArguments(again), "--no-build"]);

        var first = await File.ReadAllBytesAsync(package.PackagePath);
        var second = await File.ReadAllBytesAsync(Path.Combine(again, Path.GetFileName(package.PackagePath)));
        Assert.True(first.AsSpan().SequenceEqual(second), "a second pack of the same build differs: some part of the .nupkg depends on when it was packed");
    }

    private static List<CustomDebugInformation> CustomDebugInformation(MetadataReader pdb, Guid kind) =>
        pdb.CustomDebugInformation
            .Select(pdb.GetCustomDebugInformation)
            .Where(info => pdb.GetGuid(info.Kind) == kind)
            .ToList();
}
