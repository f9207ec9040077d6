namespace Routilux;

/// <summary>
/// JSON paths for error messages, in the common dotted notation: <c>$.routines.tok.config</c>,
/// <c>$.connections[2].to</c>, and <c>$.policies.slots['cnt.Word']</c> for a key that is not a plain identifier.
/// </summary>
internal static class JsonPath
{
    public const string Root = "$";

    /// <summary>The path of member <paramref name="name"/> of the object at <paramref name="parent"/>.</summary>
    public static string Member(string parent, string name) =>
        IsIdentifier(name) ? $"{parent}.{name}" : $"{parent}['{name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}']";

    /// <summary>The path of item <paramref name="index"/> of the array at <paramref name="parent"/>.</summary>
    public static string Item(string parent, int index) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{parent}[{index}]");

    private static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || char.IsDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
