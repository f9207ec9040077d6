namespace Routilux;

/// <summary>
/// Close matches for a name that was not found ("did you mean 'Word'?"), for error messages about routine types,
/// routine ids, ports and JSON keys. A match differs by case only, is cut short or run on, or differs by a few edits
/// (insertions, deletions, substitutions, adjacent swaps), so the typical typo is caught without suggesting unrelated names.
/// </summary>
internal static class NameSuggestions
{
    /// <summary>The most suggestions one message lists; more would bury the likely one.</summary>
    private const int MaxSuggestions = 3;

    /// <summary>The candidates close to <paramref name="name"/>, closest first, at most <see cref="MaxSuggestions"/>.</summary>
    public static IReadOnlyList<string> Closest(string name, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(candidates);

        // One edit per three characters, at least one and at most three: "Wrd" -> "Word", not "Id" -> "Word".
        var allowed = Math.Clamp(name.Length / 3, 1, 3);
        var scored = new List<(string Candidate, int Distance)>();
        foreach (var candidate in candidates.Distinct(StringComparer.Ordinal))
        {
            var distance = string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase) ? 0
                : IsTruncation(name, candidate) ? 1
                : Distance(name.ToUpperInvariant(), candidate.ToUpperInvariant());
            if (distance <= allowed && !string.Equals(candidate, name, StringComparison.Ordinal))
            {
                scored.Add((candidate, distance));
            }
        }

        return scored
            .OrderBy(s => s.Distance)
            .ThenBy(s => s.Candidate, StringComparer.Ordinal)
            .Take(MaxSuggestions)
            .Select(s => s.Candidate)
            .ToArray();
    }

    /// <summary>" Did you mean 'Word'?" or an empty string, to append to a message.</summary>
    public static string DidYouMean(string name, IEnumerable<string> candidates)
    {
        var closest = Closest(name, candidates);
        return closest.Count == 0 ? string.Empty : $" Did you mean {string.Join(" or ", closest.Select(c => "'" + c + "'"))}?";
    }

    /// <summary>
    /// Whether one name is the start of the other ("onErr" and "onError", "splitter" and "split"), the shorter at
    /// least three characters long: a name cut short or run on, which counts as one edit however long the rest.
    /// </summary>
    private static bool IsTruncation(string name, string candidate)
    {
        var (shorter, longer) = name.Length <= candidate.Length ? (name, candidate) : (candidate, name);
        return shorter.Length >= 3 && longer.StartsWith(shorter, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The optimal string alignment distance: Levenshtein plus adjacent transpositions, the commonest typo.</summary>
    private static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 3)
        {
            return int.MaxValue;
        }

        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
