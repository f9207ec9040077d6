using System.Text.Json;

namespace Routilux.Tests.Definitions;

/// <summary>Compares two flows part by part, so a round trip that loses anything fails naming what it lost.</summary>
internal static class FlowAssert
{
    public static void Equal(Flow expected, Flow actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Routines.Select(r => r.Id), actual.Routines.Select(r => r.Id));
        for (var i = 0; i < expected.Routines.Count; i++)
        {
            var (e, a) = (expected.Routines[i], actual.Routines[i]);
            Assert.Same(e.Descriptor, a.Descriptor);
            PolicyEqual(e.ErrorPolicy, a.ErrorPolicy, $"routine '{e.Id}'");
            for (var slot = 0; slot < e.Descriptor.Slots.Count; slot++)
            {
                Assert.True(e.GetCapacity(slot) == a.GetCapacity(slot), $"capacity of {e.Id}.{e.Descriptor.Slots[slot].Name}");
                Assert.True(e.GetQueuePolicy(slot) == a.GetQueuePolicy(slot), $"queue policy of {e.Id}.{e.Descriptor.Slots[slot].Name}");
                Assert.True(e.IsEntry(slot) == a.IsEntry(slot), $"entry flag of {e.Id}.{e.Descriptor.Slots[slot].Name}");
            }

            Assert.Equal(InitialState(e), InitialState(a));
        }

        Assert.Equal(expected.Connections.Select(c => c.ToString()), actual.Connections.Select(c => c.ToString()));
        Assert.Equal(expected.FlowErrorPolicy is null, actual.FlowErrorPolicy is null);
        if (expected.FlowErrorPolicy is { } flowPolicy)
        {
            PolicyEqual(flowPolicy, actual.FlowErrorPolicy!, "the flow");
        }
    }

    public static void PolicyEqual(ErrorPolicy expected, ErrorPolicy actual, string owner)
    {
        Assert.True(expected.Strategy == actual.Strategy, $"strategy of {owner}: {expected} vs {actual}");
        Assert.True(expected.MaxRetries == actual.MaxRetries, $"retries of {owner}: {expected} vs {actual}");
        Assert.True(expected.Delay == actual.Delay, $"delay of {owner}: {expected.Delay.Ticks} vs {actual.Delay.Ticks} ticks");
        Assert.True(expected.BackoffFactor.Equals(actual.BackoffFactor), $"backoff of {owner}: {expected} vs {actual}");
        Assert.True(expected.MaxDelay == actual.MaxDelay, $"max delay of {owner}: {expected} vs {actual}");
        Assert.True(expected.Fallback?.Strategy == actual.Fallback?.Strategy, $"fallback of {owner}: {expected} vs {actual}");
    }

    /// <summary>The state a new instance starts with, as its serializer writes it; empty for a routine without state.</summary>
    public static string InitialState(FlowRoutine routine)
    {
        if (routine.Descriptor.StateSerializer is not { } serializer)
        {
            return string.Empty;
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            serializer.Write(writer, routine.CreateInstance());
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
