using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;

namespace Routilux.Analyzers.State;

/// <summary>
/// The contents of RoutiluxState.Shipped.json: per routine (by full type name), the state shape recorded for each
/// StateVersion it shipped with. A history: bumping a version adds an entry and keeps the older ones, the way
/// PublicAPI.Shipped.txt keeps what shipped.
/// </summary>
/// <remarks>
/// Invariants: routine names sorted ordinally, versions ascending and at least 1, every routine with at least one
/// version. <see cref="ShapeFileWriter"/> writes it in that order, so the file diffs line by line.
/// </remarks>
internal sealed class ShapeFile
{
    /// <summary>The file name looked for among the project's AdditionalFiles.</summary>
    public const string FileName = "RoutiluxState.Shipped.json";

    /// <summary>The format this code reads and writes; a file of a newer format is reported, not guessed at.</summary>
    public const int Format = 1;

    public static readonly ShapeFile Empty = new(ImmutableSortedDictionary.Create<string, ImmutableSortedDictionary<int, StateShape>>(StringComparer.Ordinal));

    public ShapeFile(ImmutableSortedDictionary<string, ImmutableSortedDictionary<int, StateShape>> routines)
    {
        Routines = routines;
        AssertInvariants();
    }

    /// <summary>Routine full type name to its recorded versions and their shapes.</summary>
    public ImmutableSortedDictionary<string, ImmutableSortedDictionary<int, StateShape>> Routines { get; }

    /// <summary>Whether the routine's state has shipped at all (any version is recorded).</summary>
    public bool Records(string routine) => Routines.ContainsKey(routine);

    /// <summary>The shape recorded for <paramref name="routine"/> at <paramref name="version"/>, or null.</summary>
    public StateShape? ShapeAt(string routine, int version) =>
        Routines.TryGetValue(routine, out var versions) && versions.TryGetValue(version, out var shape) ? shape : null;

    /// <summary>The highest version recorded for <paramref name="routine"/>, or 0.</summary>
    public int LatestVersion(string routine) => Routines.TryGetValue(routine, out var versions) && versions.Count > 0 ? versions.Keys.Last() : 0;

    /// <summary>A copy with <paramref name="shape"/> recorded for the routine at the version, replacing an entry of that version only.</summary>
    public ShapeFile With(string routine, int version, StateShape shape)
    {
        var versions = Routines.TryGetValue(routine, out var existing) ? existing : ImmutableSortedDictionary<int, StateShape>.Empty;
        return new ShapeFile(Routines.SetItem(routine, versions.SetItem(version, shape)));
    }

    [Conditional("DEBUG")]
    private void AssertInvariants()
    {
        Debug.Assert(ReferenceEquals(Routines.KeyComparer, StringComparer.Ordinal), "routines are sorted ordinally");
        Debug.Assert(Routines.Values.All(versions => versions.Count > 0 && versions.Keys.All(version => version >= 1)), "every routine records versions from 1 up");
    }
}
