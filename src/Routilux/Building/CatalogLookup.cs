namespace Routilux;

/// <summary>
/// Finds a routine type in the <see cref="RoutineCatalog"/> by name for <see cref="FlowBuilder.Add(string, string)"/>
/// and flow definitions, and when it cannot, says why in a sentence: no such name (with close matches and the known
/// names), or several types sharing it (with their full names).
/// </summary>
internal static class CatalogLookup
{
    /// <summary>How many known names an error lists before "and n more": enough to spot the right one, short enough to read.</summary>
    private const int MaxListed = 20;

    /// <summary>The descriptor registered under <paramref name="name"/> (catalog name or full type name), or null with <paramref name="problem"/> set.</summary>
    public static RoutineDescriptor? Find(string name, out string problem)
    {
        if (RoutineCatalog.TryGet(name, out var descriptor))
        {
            problem = string.Empty;
            return descriptor;
        }

        var all = RoutineCatalog.All;
        var sameName = all.Where(d => d.Name == name).Select(d => d.RoutineType.FullName ?? d.Name).Order(StringComparer.Ordinal).ToArray();
        if (sameName.Length > 1)
        {
            problem =
                $"several routine types are named '{name}' ({string.Join(", ", sameName)}); use the full type name, " +
                "or give each a unique [Routine(Name = \"...\")]";
            return null;
        }

        var names = all.Select(d => d.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var candidates = names.Concat(all.Select(d => d.RoutineType.FullName ?? d.Name));
        var listed = names.Length <= MaxListed
            ? string.Join(", ", names)
            : string.Join(", ", names.Take(MaxListed)) + $" and {names.Length - MaxListed} more";
        problem =
            $"no routine type named '{name}' is registered in the RoutineCatalog.{NameSuggestions.DidYouMean(name, candidates)} " +
            $"Known routine types: {(names.Length == 0 ? "(none)" : listed)}. A routine type is registered when its assembly is loaded " +
            "and it is a non-generic [Routine] class";
        return null;
    }
}
