using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;

namespace Routilux.Analyzers.State;

/// <summary>
/// Reads RoutiluxState.Shipped.json:
/// <c>{"format": 1, "routines": {"Demo.Counter": {"1": {"count": "int"}}}}</c>. Anything else is a
/// <see cref="ShapeFileException"/> naming the JSON path and saying what was expected, which the analyzer reports
/// as RTLX2019 instead of guessing.
/// </summary>
internal static class ShapeFileReader
{
    public static ShapeFile Read(string text)
    {
        var root = MiniJson.Parse(text);
        RequireObject(root, "$");
        int? format = null;
        var routines = ImmutableSortedDictionary.CreateBuilder<string, ImmutableSortedDictionary<int, StateShape>>(StringComparer.Ordinal);
        foreach (var member in root.Members)
        {
            switch (member.Key)
            {
                case "format":
                    format = ReadFormat(member.Value);
                    break;
                case "routines":
                    RequireObject(member.Value, "$.routines");
                    foreach (var routine in member.Value.Members)
                    {
                        routines.Add(routine.Key, ReadVersions(routine.Value, "$.routines['" + routine.Key + "']"));
                    }

                    break;
                default:
                    throw new ShapeFileException("$." + member.Key + " is not part of the format; only \"format\" and \"routines\" are", member.KeyPosition);
            }
        }

        if (format is null)
        {
            throw new ShapeFileException("$.format is missing; the file starts with {\"format\": " + ShapeFile.Format.ToString(CultureInfo.InvariantCulture) + ", ...", root.Position);
        }

        return new ShapeFile(routines.ToImmutable());
    }

    /// <summary>Reads a shape written by <see cref="ShapeFileWriter.WriteShape"/>: one JSON object of member names to type texts.</summary>
    public static StateShape ReadShape(string json) => ReadShape(MiniJson.Parse(json), "$");

    private static int ReadFormat(JsonValueNode value)
    {
        if (value.Kind != JsonValueKind.Number || !int.TryParse(value.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var format))
        {
            throw new ShapeFileException("$.format must be a whole number, not " + value.Text, value.Position);
        }

        if (format != ShapeFile.Format)
        {
            throw new ShapeFileException(
                "$.format is " + value.Text + ", and these analyzers read format " + ShapeFile.Format.ToString(CultureInfo.InvariantCulture) + "; update the Routilux package",
                value.Position);
        }

        return format;
    }

    private static ImmutableSortedDictionary<int, StateShape> ReadVersions(JsonValueNode value, string path)
    {
        RequireObject(value, path);
        if (value.Members.Count == 0)
        {
            throw new ShapeFileException(path + " records no version; remove the routine or record a version", value.Position);
        }

        var versions = ImmutableSortedDictionary.CreateBuilder<int, StateShape>();
        foreach (var entry in value.Members)
        {
            var versionPath = path + "['" + entry.Key + "']";
            if (!int.TryParse(entry.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version < 1
                || version.ToString(CultureInfo.InvariantCulture) != entry.Key)
            {
                throw new ShapeFileException(versionPath + ": a state version is a whole number of 1 or more, written without leading zeros", entry.KeyPosition);
            }

            versions.Add(version, ReadShape(entry.Value, versionPath));
        }

        return versions.ToImmutable();
    }

    private static StateShape ReadShape(JsonValueNode value, string path)
    {
        RequireObject(value, path);
        var members = new List<KeyValuePair<string, string>>(value.Members.Count);
        foreach (var member in value.Members)
        {
            if (member.Value.Kind != JsonValueKind.String || member.Value.Text.Length == 0)
            {
                throw new ShapeFileException(path + "['" + member.Key + "'] must be the member's type as a non-empty string, such as \"int\"", member.Value.Position);
            }

            members.Add(new KeyValuePair<string, string>(member.Key, member.Value.Text));
        }

        return StateShape.From(members);
    }

    private static void RequireObject(JsonValueNode value, string path)
    {
        if (value.Kind != JsonValueKind.Object)
        {
            throw new ShapeFileException(path + " must be a JSON object", value.Position);
        }
    }
}
