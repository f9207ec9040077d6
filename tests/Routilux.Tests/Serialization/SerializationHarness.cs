using System.Buffers;
using System.Text;
using System.Text.Json;
using Routilux.Serialization;

namespace Routilux.Tests.Serialization;

/// <summary>Reaches the generated serializers of a test routine and runs them on real writers and readers.</summary>
internal static class SerializationHarness
{
    public static RoutineDescriptor Descriptor<TRoutine>()
        where TRoutine : class, IRoutineDefinition<TRoutine> => TRoutine.Descriptor;

    public static PayloadSerializer<T> Payload<TRoutine, T>(string slot)
        where TRoutine : class, IRoutineDefinition<TRoutine>
    {
        var descriptor = (SlotDescriptor<T>)Descriptor<TRoutine>().FindSlot(slot)!;
        Assert.True(descriptor.CanSerializePayload, $"slot {slot} has no payload serializer");
        return descriptor.PayloadSerializer!;
    }

    public static string Write<T>(PayloadSerializer<T> serializer, T value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            serializer.Write(writer, value);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static T Read<T>(PayloadSerializer<T> serializer, string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        Assert.True(reader.Read());
        var value = serializer.Read(ref reader);
        Assert.False(reader.Read(), "the reader must end on the value's last token");
        return value;
    }

    public static string WriteState(StateSerializer serializer, IRoutine routine)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            serializer.Write(writer, routine);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
