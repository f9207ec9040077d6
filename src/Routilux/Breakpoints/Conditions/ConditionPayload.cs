using System.Buffers;
using System.Text.Json;

namespace Routilux;

/// <summary>
/// Turns a typed payload into the JSON a condition reads, through the slot's generated serializer, so a condition
/// sees the same member names a checkpoint writes and no reflection is involved.
/// </summary>
internal static class ConditionPayload
{
    /// <summary>The payload as a detached JSON element.</summary>
    /// <exception cref="InvalidOperationException">The slot has no generated serializer.</exception>
    public static JsonElement ToJson<T>(SlotDescriptor<T> slot, T payload)
    {
        var serializer = slot.PayloadSerializer ?? throw new InvalidOperationException(
            $"Slot '{slot.Name}' has no payload serializer, so a text condition cannot read its payload ({typeof(T).FullName}). " +
            "Use a typed predicate, or give the payload a type the generator serializes.");
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            serializer.Write(writer, payload);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
