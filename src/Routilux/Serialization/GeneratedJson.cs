using System.Buffers;
using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Routilux.Serialization;

/// <summary>
/// For generated code; not part of the supported API. The reads and writes of single JSON values that the generated
/// serializers share, so each generated codec stays short: every read checks the token and names the member
/// (<c>path</c>, a constant such as "Order.Lines") and what it expected in its <see cref="RoutiluxSerializationException"/>.
/// Nothing here allocates on the write path; reads allocate only what the value itself needs (a string, an array).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedJson
{
    /// <summary>For generated code; not part of the supported API. Moves to the next token; the document ending first is an error naming <paramref name="path"/>.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void Next(ref Utf8JsonReader reader, string path)
    {
        if (!reader.Read())
        {
            throw new RoutiluxSerializationException($"Cannot read '{path}': the JSON ends before the value does. The document is truncated; restore it or its writer's output.");
        }
    }

    /// <summary>For generated code; not part of the supported API. Checks the reader is on a '{'.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void ExpectStartObject(ref Utf8JsonReader reader, string path)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Mismatch(ref reader, path, "an object");
        }
    }

    /// <summary>For generated code; not part of the supported API. Checks the reader is on a '['.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void ExpectStartArray(ref Utf8JsonReader reader, string path)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Mismatch(ref reader, path, "an array");
        }
    }

    /// <summary>For generated code; not part of the supported API. Skips the current value (the reader is on its first token; afterwards on its last).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void Skip(ref Utf8JsonReader reader) => reader.Skip();

    /// <summary>For generated code; not part of the supported API. The error for a value of the wrong kind: names the member, what was expected and what was found, and where.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static RoutiluxSerializationException Mismatch(ref Utf8JsonReader reader, string path, string expected) =>
        new($"Cannot read '{path}': expected {expected}, found {Found(ref reader)} at byte {reader.TokenStartIndex.ToString(CultureInfo.InvariantCulture)}. " +
            "The document does not have the shape this code expects: if the type changed, bump the state version and add a [MigrateState] migration.");

    /// <summary>For generated code; not part of the supported API. The error for a required member missing from a document.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static RoutiluxSerializationException MissingRequired(string type, string member) =>
        new($"Cannot read '{type}': the required member '{member}' is missing from the document. " +
            "Write it in the document, or, if older documents lack it, make it non-required (or add a migration that sets it).");

    /// <summary>For generated code; not part of the supported API. The error for an enum name this code does not know.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static RoutiluxSerializationException UnknownEnumName(ref Utf8JsonReader reader, string path, string enumType) =>
        new($"Cannot read '{path}': '{reader.GetString()}' is not a member of enum '{enumType}'. " +
            "A member renamed or removed needs a state version bump and a [MigrateState] migration that rewrites the old name.");

    /// <summary>For generated code; not part of the supported API. Reads true or false.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static bool ReadBoolean(ref Utf8JsonReader reader, string path) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw Mismatch(ref reader, path, "true or false"),
    };

    /// <summary>For generated code; not part of the supported API. Reads an integer that fits an sbyte.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static sbyte ReadSByte(ref Utf8JsonReader reader, string path) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetSByte(out var value) ? value : throw Mismatch(ref reader, path, "an integer in the range of SByte");

    /// <summary>For generated code; not part of the supported API. Reads an integer that fits a byte.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static byte ReadByte(ref Utf8JsonReader reader, string path) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetByte(out var value) ? value : throw Mismatch(ref reader, path, "an integer in the range of Byte");

    /// <summary>For generated code; not part of the supported API. Reads an integer that fits a short.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static short ReadInt16(ref Utf8JsonReader reader, string path) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt16(out var value) ? value : throw Mismatch(ref reader, path, "an integer in the range of Int16");

    /// <summary>For generated code; not part of the supported API. Reads an integer that fits a ushort.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static ushort ReadUInt16(ref Utf8JsonReader reader, string path) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetUInt16(out var value) ? value : throw Mismatch(ref reader, path, "an integer in the range of UInt16");

    /// <summary>For generated code; not part of the supported API. Reads an integer that fits an int.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static int ReadInt32(ref Utf8JsonReader reader, string path) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) ? value : throw Mismatch(ref reader, path, "an integer in the range of Int32");

    /// <summary>For generated code; not part of the supported API. Reads an integer that fits a uint.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static uint ReadUInt32(ref Utf8JsonReader reader, string path) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetUInt32(out var value) ? value : throw Mismatch(ref reader, path, "an integer in the range of UInt32");

    /// <summary>For generated code; not part of the supported API. Reads an integer that fits a long (any int widens to it).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static long ReadInt64(ref Utf8JsonReader reader, string path) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) ? value : throw Mismatch(ref reader, path, "an integer in the range of Int64");

    /// <summary>For generated code; not part of the supported API. Reads an integer that fits a ulong.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static ulong ReadUInt64(ref Utf8JsonReader reader, string path) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetUInt64(out var value) ? value : throw Mismatch(ref reader, path, "an integer in the range of UInt64");

    /// <summary>For generated code; not part of the supported API. Reads a number (any integer widens to it) or "NaN", "Infinity", "-Infinity".</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static float ReadSingle(ref Utf8JsonReader reader, string path) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetSingle(out var value) ? value
        : reader.TokenType == JsonTokenType.String && NonFinite(ref reader) is { } special ? (float)special
        : throw Mismatch(ref reader, path, "a number");

    /// <summary>For generated code; not part of the supported API. Reads a number (any integer widens to it) or "NaN", "Infinity", "-Infinity".</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static double ReadDouble(ref Utf8JsonReader reader, string path) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var value) ? value
        : reader.TokenType == JsonTokenType.String && NonFinite(ref reader) is { } special ? special
        : throw Mismatch(ref reader, path, "a number");

    /// <summary>For generated code; not part of the supported API. Reads a number (any integer widens to it) that fits a decimal.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static decimal ReadDecimal(ref Utf8JsonReader reader, string path) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var value) ? value : throw Mismatch(ref reader, path, "a number in the range of Decimal");

    /// <summary>For generated code; not part of the supported API. Writes a float; NaN and the infinities, which JSON numbers cannot hold, as strings (read back by <see cref="ReadSingle"/>).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void WriteSingle(Utf8JsonWriter writer, float value)
    {
        if (float.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            WriteNonFinite(writer, value);
        }
    }

    /// <summary>For generated code; not part of the supported API. Writes a double; NaN and the infinities as strings (read back by <see cref="ReadDouble"/>).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            WriteNonFinite(writer, value);
        }
    }

    /// <summary>For generated code; not part of the supported API. Writes a char as a one-character string.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void WriteChar(Utf8JsonWriter writer, char value) => writer.WriteStringValue(new ReadOnlySpan<char>(in value));

    /// <summary>For generated code; not part of the supported API. Reads a one-character string.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static char ReadChar(ref Utf8JsonReader reader, string path)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            Span<char> buffer = stackalloc char[2];
            if (reader.CopyString(buffer) == 1)
            {
                return buffer[0];
            }
        }

        throw Mismatch(ref reader, path, "a string of one character");
    }

    /// <summary>For generated code; not part of the supported API. Reads a string or null.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static string? ReadString(ref Utf8JsonReader reader, string path) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Null => null,
        _ => throw Mismatch(ref reader, path, "a string or null"),
    };

    /// <summary>For generated code; not part of the supported API. Reads an ISO 8601 date and time.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static DateTime ReadDateTime(ref Utf8JsonReader reader, string path) =>
        reader.TokenType == JsonTokenType.String && reader.TryGetDateTime(out var value) ? value : throw Mismatch(ref reader, path, "an ISO 8601 date and time string");

    /// <summary>For generated code; not part of the supported API. Reads an ISO 8601 date and time with its offset.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static DateTimeOffset ReadDateTimeOffset(ref Utf8JsonReader reader, string path) =>
        reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var value) ? value : throw Mismatch(ref reader, path, "an ISO 8601 date and time string");

    /// <summary>For generated code; not part of the supported API. Reads a GUID string.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static Guid ReadGuid(ref Utf8JsonReader reader, string path) =>
        reader.TokenType == JsonTokenType.String && reader.TryGetGuid(out var value) ? value : throw Mismatch(ref reader, path, "a GUID string");

    /// <summary>For generated code; not part of the supported API. Writes a TimeSpan in the constant format ("c": [-][d.]hh:mm:ss[.fffffff]) without allocating.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void WriteTimeSpan(Utf8JsonWriter writer, TimeSpan value)
    {
        Span<char> buffer = stackalloc char[32];
        value.TryFormat(buffer, out var written, "c", CultureInfo.InvariantCulture);
        writer.WriteStringValue(buffer[..written]);
    }

    /// <summary>For generated code; not part of the supported API. Reads a TimeSpan in the constant format.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static TimeSpan ReadTimeSpan(ref Utf8JsonReader reader, string path)
    {
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && reader.ValueSpan.Length <= 32)
        {
            Span<char> buffer = stackalloc char[32];
            var length = reader.CopyString(buffer);
            if (TimeSpan.TryParseExact(buffer[..length], "c", CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }
        }

        throw Mismatch(ref reader, path, "a time span string such as \"1.02:03:04.5\"");
    }

    /// <summary>For generated code; not part of the supported API. Writes a Uri as its original string, or null.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void WriteUri(Utf8JsonWriter writer, Uri? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value.OriginalString);
        }
    }

    /// <summary>For generated code; not part of the supported API. Reads a Uri (absolute or relative) or null.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static Uri? ReadUri(ref Utf8JsonReader reader, string path) =>
        ReadString(ref reader, path) is { } text
            ? Uri.TryCreate(text, UriKind.RelativeOrAbsolute, out var uri) ? uri : throw Mismatch(ref reader, path, "a URI")
            : null;

    /// <summary>For generated code; not part of the supported API. Writes bytes as base64, or null.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void WriteBytes(Utf8JsonWriter writer, byte[]? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteBase64StringValue(value);
        }
    }

    /// <summary>For generated code; not part of the supported API. Reads base64 bytes or null.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static byte[]? ReadBytes(ref Utf8JsonReader reader, string path) =>
        reader.TokenType == JsonTokenType.Null ? null
        : reader.TokenType == JsonTokenType.String && reader.TryGetBytesFromBase64(out var value) ? value
        : throw Mismatch(ref reader, path, "a base64 string or null");

    /// <summary>For generated code; not part of the supported API.
    /// Keeps a state member this code does not know in the overflow bag: the reader is on its property name; on
    /// return on the value's last token. Written back by <see cref="WriteOverflow"/>, so an older build never erases
    /// a newer build's members.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void ReadOverflow(ref Utf8JsonReader reader, ref JsonObject? overflow, string path)
    {
        var name = reader.GetString()!;
        Next(ref reader, path);
        var value = JsonNode.Parse(ref reader);
        overflow ??= new JsonObject();
        overflow[name] = value;
    }

    /// <summary>For generated code; not part of the supported API. Writes the overflow bag's members into the state object being written.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void WriteOverflow(Utf8JsonWriter writer, JsonObject? overflow)
    {
        if (overflow is null)
        {
            return;
        }

        foreach (var member in overflow)
        {
            writer.WritePropertyName(member.Key);
            if (member.Value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                member.Value.WriteTo(writer);
            }
        }
    }

    /// <summary>For generated code; not part of the supported API. Wraps an error of the assembly's JsonSerializerContext with the member that was being read.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static RoutiluxSerializationException ContextFailed(string path, Exception inner) =>
        new($"Cannot read '{path}' through the assembly's JsonSerializerContext ([assembly: RoutiluxJsonContext]): {inner.Message}", inner);

    private static double? NonFinite(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("NaN"u8) ? double.NaN
        : reader.ValueTextEquals("Infinity"u8) ? double.PositiveInfinity
        : reader.ValueTextEquals("-Infinity"u8) ? double.NegativeInfinity
        : null;

    private static void WriteNonFinite(Utf8JsonWriter writer, double value) =>
        writer.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");

    /// <summary>What the reader is on, for an error message (allocates; only ever called on the way to an exception).</summary>
    private static string Found(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => "the string \"" + reader.GetString() + "\"",
        JsonTokenType.Number => "the number " + System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray()),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        var other => other.ToString(),
    };
}
