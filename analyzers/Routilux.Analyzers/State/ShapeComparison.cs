using System;
using System.Collections.Generic;
using System.Linq;

namespace Routilux.Analyzers.State;

/// <summary>A state member as the comparison sees it: what it is saved as now, and which older names it still reads.</summary>
/// <param name="JsonName">The name it is written under.</param>
/// <param name="FormerNames">Names it is also read from.</param>
/// <param name="Type">Its type, as <see cref="ShapeTypeText"/> writes it.</param>
/// <param name="IsRequired">Whether a document without it is refused.</param>
internal sealed record CurrentMember(string JsonName, IReadOnlyList<string> FormerNames, string Type, bool IsRequired);

/// <summary>What comparing a routine's current state with its recorded shape found; both lists empty when they agree.</summary>
/// <param name="Breaking">Changes documents saved with the recorded shape cannot be read across, in words.</param>
/// <param name="Compatible">Changes they can, in words.</param>
internal sealed record ShapeDifference(IReadOnlyList<string> Breaking, IReadOnlyList<string> Compatible)
{
    public bool IsNone => Breaking.Count == 0 && Compatible.Count == 0;
}

/// <summary>
/// Compares a routine's current state members with the shape recorded for the same StateVersion, by the evolution
/// rules of docs/durable-state.md: unknown members of an old document go to the overflow bag and are written back,
/// a missing member keeps its initial value, a former name is read, and a JSON number reads into any wider numeric
/// type. So a removed member, an added optional member, a rename listed in FormerNames and numeric widening are
/// compatible; any other type change, and a required member that old documents lack, are breaking.
/// </summary>
internal static class ShapeComparison
{
    // C#'s implicit numeric conversions: every value of the key is a value of each listed type, so a number written
    // as the key reads into them. ("int?" reads "int" documents too: see Widens.)
    private static readonly Dictionary<string, string[]> NumericWidening = new(StringComparer.Ordinal)
    {
        ["sbyte"] = new[] { "short", "int", "long", "float", "double", "decimal" },
        ["byte"] = new[] { "short", "ushort", "int", "uint", "long", "ulong", "float", "double", "decimal" },
        ["short"] = new[] { "int", "long", "float", "double", "decimal" },
        ["ushort"] = new[] { "int", "uint", "long", "ulong", "float", "double", "decimal" },
        ["int"] = new[] { "long", "float", "double", "decimal" },
        ["uint"] = new[] { "long", "ulong", "float", "double", "decimal" },
        ["long"] = new[] { "float", "double", "decimal" },
        ["ulong"] = new[] { "float", "double", "decimal" },
        ["float"] = new[] { "double" },
    };

    public static ShapeDifference Compare(StateShape recorded, IReadOnlyList<CurrentMember> current)
    {
        var breaking = new List<string>();
        var compatible = new List<string>();
        var matched = new HashSet<CurrentMember>();
        foreach (var entry in recorded.Members)
        {
            var member = current.FirstOrDefault(m => string.Equals(m.JsonName, entry.Key, StringComparison.Ordinal))
                ?? current.FirstOrDefault(m => m.FormerNames.Contains(entry.Key, StringComparer.Ordinal));
            if (member is null)
            {
                compatible.Add("'" + entry.Key + "' removed");
                continue;
            }

            matched.Add(member);
            var renamed = !string.Equals(member.JsonName, entry.Key, StringComparison.Ordinal);
            if (renamed)
            {
                compatible.Add("'" + entry.Key + "' renamed to '" + member.JsonName + "'");
            }

            if (string.Equals(member.Type, entry.Value, StringComparison.Ordinal))
            {
                continue;
            }

            var change = "'" + member.JsonName + "' changed from " + entry.Value + " to " + member.Type;
            (Widens(entry.Value, member.Type) ? compatible : breaking).Add(change);
        }

        foreach (var member in current)
        {
            if (!matched.Contains(member))
            {
                (member.IsRequired ? breaking : compatible).Add("'" + member.JsonName + "' added" + (member.IsRequired ? " as required" : string.Empty));
            }
        }

        return new ShapeDifference(breaking, compatible);
    }

    /// <summary>Whether every document value of type <paramref name="from"/> reads as type <paramref name="to"/>.</summary>
    public static bool Widens(string from, string to)
    {
        var fromValue = from.EndsWith("?", StringComparison.Ordinal) ? from.Substring(0, from.Length - 1) : from;
        var toNullable = to.EndsWith("?", StringComparison.Ordinal);
        var toValue = toNullable ? to.Substring(0, to.Length - 1) : to;
        if (from.EndsWith("?", StringComparison.Ordinal) && !toNullable)
        {
            return false; // An old document may hold null, which the new type cannot.
        }

        return string.Equals(fromValue, toValue, StringComparison.Ordinal)
            || (NumericWidening.TryGetValue(fromValue, out var wider) && wider.Contains(toValue, StringComparer.Ordinal));
    }
}
