using System.Text.Json;

namespace Routilux;

/// <summary>
/// Reads the values of a flow definition with their JSON paths: each reader either returns the value or records a
/// problem that starts with the path ("$.connections[2].to: ...") and returns null, so one pass reports every
/// problem of the document. Duplicate keys and keys a shape does not have are problems too: a misspelt key must not
/// be ignored quietly.
/// </summary>
internal static class DefinitionJson
{
    /// <summary>The members of the object at <paramref name="path"/>, in document order, or null when it is not an object.</summary>
    /// <param name="element">The value.</param>
    /// <param name="path">Its path.</param>
    /// <param name="what">What the object is, for messages ("a routine", "a connection").</param>
    /// <param name="allowed">The keys the shape has, or null for a map whose keys are names (routine ids, slot references).</param>
    /// <param name="problems">Where problems go.</param>
    public static List<(string Name, JsonElement Value, string Path)>? ReadObject(
        JsonElement element, string path, string what, IReadOnlyList<string>? allowed, List<string> problems)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{path}: expected {what} (a JSON object), found {Describe(element)}.");
            return null;
        }

        var members = new List<(string, JsonElement, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var memberPath = JsonPath.Member(path, property.Name);
            if (!seen.Add(property.Name))
            {
                problems.Add($"{memberPath}: the key '{property.Name}' appears twice in {what}; keep one.");
                continue;
            }

            if (allowed is not null && !allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                problems.Add(
                    $"{memberPath}: {what} has no member '{property.Name}'.{NameSuggestions.DidYouMean(property.Name, allowed)} " +
                    $"Its members: {string.Join(", ", allowed)}.");
                continue;
            }

            members.Add((property.Name, property.Value, memberPath));
        }

        return members;
    }

    /// <summary>The items of the array at <paramref name="path"/> with their paths, or null when it is not an array.</summary>
    public static List<(JsonElement Value, string Path)>? ReadArray(JsonElement element, string path, string what, List<string> problems)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"{path}: expected {what} (a JSON array), found {Describe(element)}.");
            return null;
        }

        var items = new List<(JsonElement, string)>();
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            items.Add((item, JsonPath.Item(path, index++)));
        }

        return items;
    }

    /// <summary>A non-empty string, or null with a problem.</summary>
    public static string? ReadString(JsonElement element, string path, string what, List<string> problems)
    {
        if (element.ValueKind != JsonValueKind.String || element.GetString() is not { Length: > 0 } text)
        {
            problems.Add($"{path}: expected {what} (a non-empty JSON string), found {Describe(element)}.");
            return null;
        }

        return text;
    }

    /// <summary>An integer in [<paramref name="minimum"/>, int.MaxValue], or null with a problem.</summary>
    public static int? ReadInteger(JsonElement element, string path, string what, int minimum, List<string> problems)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var value))
        {
            problems.Add($"{path}: expected {what} (an integer), found {Describe(element)}.");
            return null;
        }

        if (value < minimum)
        {
            problems.Add($"{path}: {what} is {value}; use {minimum} or more.");
            return null;
        }

        return value;
    }

    /// <summary>A finite number of at least <paramref name="minimum"/>, or null with a problem.</summary>
    public static double? ReadNumber(JsonElement element, string path, string what, double minimum, List<string> problems)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var value) || !double.IsFinite(value))
        {
            problems.Add($"{path}: expected {what} (a number), found {Describe(element)}.");
            return null;
        }

        if (value < minimum)
        {
            problems.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{path}: {what} is {value}; use {minimum} or more."));
            return null;
        }

        return value;
    }

    /// <summary>
    /// One of <paramref name="names"/> (matched ignoring case, since they are typed by hand), or null with a problem
    /// listing them.
    /// </summary>
    public static T? ReadChoice<T>(JsonElement element, string path, string what, IReadOnlyList<(string Name, T Value)> names, List<string> problems)
        where T : struct
    {
        var text = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        foreach (var (name, value) in names)
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        var known = string.Join(", ", names.Select(n => n.Name));
        problems.Add(text is null
            ? $"{path}: expected {what} (one of {known}), found {Describe(element)}."
            : $"{path}: '{text}' is not {what}.{NameSuggestions.DidYouMean(text, names.Select(n => n.Name))} Use one of: {known}.");
        return null;
    }

    /// <summary>A value as messages show it: a short JSON text, or its kind when long.</summary>
    public static string Describe(JsonElement element)
    {
        const int MaxShown = 40;
        return element.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.Undefined => "nothing",
            _ when element.GetRawText() is { Length: <= MaxShown } raw => raw,
            _ => element.ValueKind.ToString().ToLowerInvariant(),
        };
    }
}
