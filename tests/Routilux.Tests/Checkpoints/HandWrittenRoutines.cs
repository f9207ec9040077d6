using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;
using Routilux.Execution;
using Routilux.Serialization;

namespace Routilux.Tests.Checkpoints;

// Routines written by hand in the shape of the generator's output (tests/Routilux.Generators.Tests/Snapshots), with
// hand-written payload and state serializers: what checkpoints need from generated code, without depending on it.

/// <summary>Writes and reads an int payload.</summary>
internal sealed class IntPayload : PayloadSerializer<int>
{
    public static readonly IntPayload Instance = new();

    public override void Write(Utf8JsonWriter writer, int value) => writer.WriteNumberValue(value);

    public override int Read(ref Utf8JsonReader reader) => reader.GetInt32();
}

/// <summary>Emits 1..n on Out for a message n on Go.</summary>
internal sealed class CkSource : IRoutineDefinition<CkSource>
{
    private static readonly RoutineDescriptor s_descriptor = new(
        "CkSource", typeof(CkSource), "", [SlotDescriptor.Create<int>("Go", 0, ["n"], "", false, 0, payloadSerializer: IntPayload.Instance)],
        [EventDescriptor.Create<int>("Out", 0, ["value"], "")], static () => new CkSource());

    private RoutineCell? _cell;

    static RoutineDescriptor IRoutineDefinition<CkSource>.Descriptor => s_descriptor;

    void IRoutine.Attach(RoutineCell cell) => _cell = cell;

    ValueTask IRoutine.Invoke(int slot, RoutineCell cell)
    {
        var n = cell.Payload<int>(0);
        for (var i = 1; i <= n; i++)
        {
            cell.Emit(0, i);
        }

        return default;
    }
}

/// <summary>
/// Sums what it receives, with state (total, count, the message ids it saw); its queue holds two messages, and its
/// handler first waits for <see cref="Gate"/> when one is set, so a test can keep it busy.
/// </summary>
internal sealed class CkSink : IRoutineDefinition<CkSink>
{
    private static readonly RoutineDescriptor s_descriptor = new(
        "CkSink", typeof(CkSink), "", [SlotDescriptor.Create<int>("In", 0, ["value"], "", false, 2, payloadSerializer: IntPayload.Instance)],
        [], static () => new CkSink(), stateSerializer: new SinkState());

    public TaskCompletionSource? Gate { get; set; }

    public long Total { get; set; }

    public int Count { get; set; }

    public List<string> Ids { get; } = new();

    static RoutineDescriptor IRoutineDefinition<CkSink>.Descriptor => s_descriptor;

    void IRoutine.Attach(RoutineCell cell)
    {
    }

    ValueTask IRoutine.Invoke(int slot, RoutineCell cell) => In(cell.Payload<int>(0), cell.Context);

    private async ValueTask In(int value, RoutineContext context)
    {
        var id = context.MessageId;
        if (Gate is { } gate)
        {
            await gate.Task.ConfigureAwait(false);
        }

        Total += value;
        Count++;
        lock (Ids)
        {
            Ids.Add(id);
        }
    }

    private sealed class SinkState : StateSerializer
    {
        public SinkState()
            : base(1)
        {
        }

        public override void Write(Utf8JsonWriter writer, IRoutine routine)
        {
            var sink = (CkSink)routine;
            writer.WriteStartObject();
            writer.WriteNumber("total", sink.Total);
            writer.WriteNumber("count", sink.Count);
            writer.WriteStartArray("ids");
            sink.Ids.ForEach(writer.WriteStringValue);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        public override void Read(ref Utf8JsonReader reader, IRoutine routine)
        {
            var sink = (CkSink)routine;
            var node = JsonNode.Parse(ref reader)!.AsObject();
            sink.Total = node["total"]!.GetValue<long>();
            sink.Count = node["count"]!.GetValue<int>();
            sink.Ids.AddRange(node["ids"]!.AsArray().Select(n => n!.GetValue<string>()));
        }

        public override void Migrate(JsonObject state, int fromVersion) =>
            throw new RoutiluxSerializationException($"CkSink has no migrations (from {fromVersion}).");
    }
}

/// <summary>Fails its first two attempts at every message (an IOException, retried after a minute), then sums it.</summary>
internal sealed class CkFlaky : IRoutineDefinition<CkFlaky>
{
    public static readonly ErrorPolicy Policy = ErrorPolicy.Retry(3, TimeSpan.FromMinutes(1), backoffFactor: 1.0);

    private static readonly RoutineDescriptor s_descriptor = new(
        "CkFlaky", typeof(CkFlaky), "", [SlotDescriptor.Create<int>("In", 0, ["value"], "", false, 0, payloadSerializer: IntPayload.Instance)],
        [], static () => new CkFlaky(), errorPolicy: Policy, stateSerializer: new FlakyState());

    public int Attempts { get; set; }

    public long Total { get; set; }

    public List<string> Ids { get; } = new();

    static RoutineDescriptor IRoutineDefinition<CkFlaky>.Descriptor => s_descriptor;

    void IRoutine.Attach(RoutineCell cell)
    {
    }

    ValueTask IRoutine.Invoke(int slot, RoutineCell cell)
    {
        Attempts++;
        Ids.Add(cell.Context.MessageId);
        if (Attempts % 3 != 0)
        {
            throw new IOException($"Attempt {Attempts} fails.");
        }

        Total += cell.Payload<int>(0);
        return default;
    }

    private sealed class FlakyState : StateSerializer
    {
        public FlakyState()
            : base(1)
        {
        }

        public override void Write(Utf8JsonWriter writer, IRoutine routine)
        {
            var flaky = (CkFlaky)routine;
            writer.WriteStartObject();
            writer.WriteNumber("attempts", flaky.Attempts);
            writer.WriteNumber("total", flaky.Total);
            writer.WriteStartArray("ids");
            flaky.Ids.ForEach(writer.WriteStringValue);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        public override void Read(ref Utf8JsonReader reader, IRoutine routine)
        {
            var flaky = (CkFlaky)routine;
            var node = JsonNode.Parse(ref reader)!.AsObject();
            flaky.Attempts = node["attempts"]!.GetValue<int>();
            flaky.Total = node["total"]!.GetValue<long>();
            flaky.Ids.AddRange(node["ids"]!.AsArray().Select(n => n!.GetValue<string>()));
        }

        public override void Migrate(JsonObject state, int fromVersion) =>
            throw new RoutiluxSerializationException($"CkFlaky has no migrations (from {fromVersion}).");
    }
}

/// <summary>Sums batches of three (Batch slot) and pairs of a join (A with B); no state, so tests read the instance.</summary>
internal sealed class CkBuffers : IRoutineDefinition<CkBuffers>
{
    private static readonly RoutineDescriptor s_descriptor = new(
        "CkBuffers", typeof(CkBuffers), "",
        [
            SlotDescriptor.Create<int>("Batch", 0, ["values"], "", false, 0, activation: ActivationPolicy.Batch(3), payloadSerializer: IntPayload.Instance),
            SlotDescriptor.Create<int>("A", 1, ["a"], "", false, 0, activation: ActivationPolicy.AllSlotsReady, joinGroup: 1, payloadSerializer: IntPayload.Instance),
            SlotDescriptor.Create<int>("B", 2, ["b"], "", false, 0, activation: ActivationPolicy.AllSlotsReady, joinGroup: 1, payloadSerializer: IntPayload.Instance),
        ],
        [], static () => new CkBuffers());

    public List<int> Batches { get; } = new();

    public List<(int A, int B)> Pairs { get; } = new();

    public List<string> Ids { get; } = new();

    static RoutineDescriptor IRoutineDefinition<CkBuffers>.Descriptor => s_descriptor;

    void IRoutine.Attach(RoutineCell cell)
    {
    }

    ValueTask IRoutine.Invoke(int slot, RoutineCell cell)
    {
        lock (Ids)
        {
            Ids.Add(cell.Context.MessageId);
        }

        if (slot == 0)
        {
            Batches.Add(cell.Batch<int>(0).Sum());
        }
        else
        {
            Pairs.Add((cell.Payload<int>(1), cell.Payload<int>(2)));
        }

        return default;
    }
}
