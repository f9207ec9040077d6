using System.Text;
using System.Text.Json;
using Routilux.Serialization;

namespace Routilux.Execution;

/// <summary>Reading a payload out of a checkpoint document with its slot's generated serializer, and the errors of both directions.</summary>
internal static class PayloadJson
{
    /// <summary>Reads <paramref name="element"/> as a <typeparamref name="T"/>; <paramref name="path"/> names it in errors.</summary>
    public static T Read<T>(PayloadSerializer<T>? serializer, JsonElement element, string owner, string path, string workerId)
    {
        if (serializer is null)
        {
            throw NoSerializer(owner, typeof(T), 1);
        }

        // The generated serializers read from a Utf8JsonReader; an element's raw text is the one portable way to get its
        // bytes on net8.0. Resuming is not a hot path.
        var bytes = Encoding.UTF8.GetBytes(element.GetRawText());
        var reader = new Utf8JsonReader(bytes);
        try
        {
            reader.Read();
            return serializer.Read(ref reader);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or RoutiluxSerializationException)
        {
            throw new RoutiluxSerializationException(
                $"The checkpoint of worker '{workerId}' holds a payload for '{owner}' at {path} that does not read as a {TypeNames.Qualified(typeof(T))}: {ex.Message} " +
                "If the payload type changed since the checkpoint, resume with the code that wrote it, let the worker drain, and then upgrade.", ex);
        }
    }

    /// <summary>A slot or event holding messages at a cut has no payload serializer.</summary>
    public static RoutiluxSerializationException NoSerializer(string owner, Type payloadType, int count) => new(
        $"'{owner}' holds {count} message(s) of type {TypeNames.Qualified(payloadType)} at the checkpoint, but its routine was built without a " +
        "generated payload serializer, so they cannot be saved. Rebuild the routine's project with the Routilux generator (which writes one for " +
        "every supported payload type), or name a JsonSerializerContext covering the type with [assembly: RoutiluxJsonContext(...)].");
}
