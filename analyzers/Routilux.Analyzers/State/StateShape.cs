using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;

namespace Routilux.Analyzers.State;

/// <summary>
/// The shape of a routine's saved state at one StateVersion: each member's JSON name and the stable text of its type
/// (<see cref="ShapeTypeText"/>). What RoutiluxState.Shipped.json records and what the analyzers compare it with.
/// </summary>
/// <remarks>
/// Invariants: member names are unique (a dictionary) and sorted ordinally, so equal shapes write equal text;
/// no type text is empty.
/// </remarks>
internal sealed class StateShape : IEquatable<StateShape>
{
    public StateShape(ImmutableSortedDictionary<string, string> members)
    {
        Members = members.WithComparers(StringComparer.Ordinal, StringComparer.Ordinal);
        AssertInvariants();
    }

    /// <summary>JSON name to type text, sorted by name (ordinal).</summary>
    public ImmutableSortedDictionary<string, string> Members { get; }

    public static StateShape From(IEnumerable<KeyValuePair<string, string>> members) =>
        new(ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, members));

    public bool Equals(StateShape? other) =>
        other is not null && Members.Count == other.Members.Count
        && Members.All(member => other.Members.TryGetValue(member.Key, out var type) && string.Equals(type, member.Value, StringComparison.Ordinal));

    public override bool Equals(object? obj) => Equals(obj as StateShape);

    public override int GetHashCode()
    {
        var hash = 17;
        foreach (var member in Members)
        {
            hash = unchecked((hash * 31) + StringComparer.Ordinal.GetHashCode(member.Key) + StringComparer.Ordinal.GetHashCode(member.Value));
        }

        return hash;
    }

    [Conditional("DEBUG")]
    private void AssertInvariants() => Debug.Assert(Members.Values.All(type => type.Length > 0), "every recorded member has a type");
}
