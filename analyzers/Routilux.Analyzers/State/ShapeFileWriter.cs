using System.Globalization;
using System.Text;

namespace Routilux.Analyzers.State;

/// <summary>
/// Writes RoutiluxState.Shipped.json so that it diffs line by line: two-space indents, one member per line, routines
/// and members sorted ordinally, versions ascending, "\n" line ends and a final newline. The same file always
/// writes the same text, so recording an unchanged shape changes nothing.
/// </summary>
internal static class ShapeFileWriter
{
    public static string Write(ShapeFile file)
    {
        var text = new StringBuilder();
        text.Append("{\n  \"format\": ").Append(ShapeFile.Format.ToString(CultureInfo.InvariantCulture)).Append(",\n  \"routines\": {");
        var firstRoutine = true;
        foreach (var routine in file.Routines)
        {
            text.Append(firstRoutine ? "\n" : ",\n").Append("    ");
            AppendString(text, routine.Key);
            text.Append(": {");
            var firstVersion = true;
            foreach (var version in routine.Value)
            {
                text.Append(firstVersion ? "\n" : ",\n").Append("      ");
                AppendString(text, version.Key.ToString(CultureInfo.InvariantCulture));
                text.Append(": ");
                AppendMembers(text, version.Value, "\n        ", "\n      ");
                firstVersion = false;
            }

            text.Append("\n    }");
            firstRoutine = false;
        }

        text.Append(firstRoutine ? "}\n}\n" : "\n  }\n}\n");
        return text.ToString();
    }

    /// <summary>One shape as a compact JSON object, the form the analyzers pass to the code fixes in a diagnostic's properties.</summary>
    public static string WriteShape(StateShape shape)
    {
        var text = new StringBuilder();
        AppendMembers(text, shape, string.Empty, string.Empty);
        return text.ToString();
    }

    private static void AppendMembers(StringBuilder text, StateShape shape, string memberIndent, string closingIndent)
    {
        text.Append('{');
        var first = true;
        foreach (var member in shape.Members)
        {
            text.Append(first ? string.Empty : ",").Append(memberIndent);
            AppendString(text, member.Key);
            text.Append(memberIndent.Length == 0 ? ":" : ": ");
            AppendString(text, member.Value);
            first = false;
        }

        text.Append(first ? string.Empty : closingIndent).Append('}');
    }

    private static void AppendString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (c < ' ')
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        text.Append('"');
    }
}
