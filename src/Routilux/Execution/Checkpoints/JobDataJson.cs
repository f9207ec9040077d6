using System.Text.Json;
using System.Text.Json.Nodes;

namespace Routilux.Execution;

/// <summary>
/// The values of <see cref="Job.Data"/> a checkpoint saves: null, strings, booleans, integers, floating-point and decimal
/// numbers, and JSON trees (<see cref="JsonNode"/>, <see cref="JsonElement"/>). Any other value is left out and its key
/// listed under "dataOmitted": the bag holds live objects, which no generated serializer describes.
/// Read back, numbers are long when integral, else double; JSON objects and arrays come back as <see cref="JsonNode"/>.
/// </summary>
internal static class JobDataJson
{
    public static bool CanWrite(object? value) => value is null or string or bool or int or long or short or byte or uint or ulong
        or double or float or decimal or JsonNode or JsonElement;

    public static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string s: writer.WriteStringValue(s); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case int i: writer.WriteNumberValue(i); break;
            case long l: writer.WriteNumberValue(l); break;
            case short s16: writer.WriteNumberValue(s16); break;
            case byte b8: writer.WriteNumberValue(b8); break;
            case uint u: writer.WriteNumberValue(u); break;
            case ulong ul: writer.WriteNumberValue(ul); break;
            case double d: writer.WriteNumberValue(d); break;
            case float f: writer.WriteNumberValue(f); break;
            case decimal m: writer.WriteNumberValue(m); break;
            case JsonNode node: node.WriteTo(writer); break;
            case JsonElement element: element.WriteTo(writer); break;
            default: throw new ArgumentException($"A {value.GetType()} is not saved in a checkpoint's job data.", nameof(value));
        }
    }

    public static object? Read(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.True or JsonValueKind.False:
                return element.GetBoolean();
            case JsonValueKind.Number:
                // Boxed each on its own: a conditional of the two would widen the long to a double.
                return element.TryGetInt64(out var integral) ? (object)integral : element.GetDouble();
            default:
                return JsonNode.Parse(element.GetRawText());
        }
    }
}
