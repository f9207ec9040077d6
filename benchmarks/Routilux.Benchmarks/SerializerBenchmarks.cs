using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Routilux.Serialization;

namespace Routilux.Benchmarks;

/// <summary>A payload of eight members with a list and a nested record, the shape a queued message typically has.</summary>
public sealed record BenchAddress(string Street, string City, int Zip);

/// <summary>See <see cref="BenchAddress"/>.</summary>
public sealed record BenchOrder(
    int Id, string Customer, decimal Total, DateTimeOffset PlacedAt, bool Paid, double Weight, List<int> Items, BenchAddress Address);

/// <summary>System.Text.Json's source-generated serializer for the same payload: the baseline.</summary>
[JsonSerializable(typeof(BenchOrder))]
internal sealed partial class BenchJson : JsonSerializerContext
{
}

/// <summary>A routine whose slot takes the payload, so the generator writes its PayloadSerializer.</summary>
[Routine]
public partial class BenchOrderSink
{
    /// <summary>Receives an order.</summary>
    [Slot]
    public void In(BenchOrder order)
    {
    }
}

/// <summary>
/// The generated payload serializer against System.Text.Json's source-generated one on the same payload, writing into
/// a reused buffer and reading it back. The target: at least as fast, and no allocation beyond the output buffer on
/// the write side (reads allocate the object graph itself in both).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SerializerBenchmarks
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private Utf8JsonWriter _writer = null!;
    private PayloadSerializer<BenchOrder> _generated = null!;
    private BenchOrder _order = null!;
    private byte[] _json = [];

    /// <summary>Builds the payload, the writer and the JSON both readers read.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _order = new BenchOrder(
            42, "Ada Lovelace", 1234.56m, new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero), true, 3.25,
            [1, 2, 3, 4, 5, 6, 7, 8], new BenchAddress("1 Analytical Way", "London", 12345));
        _writer = new Utf8JsonWriter(_buffer);
        _generated = GeneratedSerializer(Descriptor<BenchOrderSink>().FindSlot("In")!);
        _json = JsonSerializer.SerializeToUtf8Bytes(_order, BenchJson.Default.BenchOrder);
    }

    /// <summary>System.Text.Json source-generated write.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("Write")]
    public int Write_SystemTextJson()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset();
        JsonSerializer.Serialize(_writer, _order, BenchJson.Default.BenchOrder);
        _writer.Flush();
        return _buffer.WrittenCount;
    }

    /// <summary>Routilux generated write.</summary>
    [Benchmark, BenchmarkCategory("Write")]
    public int Write_Routilux()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset();
        _generated.Write(_writer, _order);
        _writer.Flush();
        return _buffer.WrittenCount;
    }

    /// <summary>System.Text.Json source-generated read.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("Read")]
    public BenchOrder Read_SystemTextJson()
    {
        var reader = new Utf8JsonReader(_json);
        return JsonSerializer.Deserialize(ref reader, BenchJson.Default.BenchOrder)!;
    }

    /// <summary>Routilux generated read.</summary>
    [Benchmark, BenchmarkCategory("Read")]
    public BenchOrder Read_Routilux()
    {
        var reader = new Utf8JsonReader(_json);
        reader.Read();
        return _generated.Read(ref reader);
    }

    /// <summary>
    /// The slot's generated serializer. The typed slot descriptor that holds it is internal to the runtime (checkpoints
    /// reach it there), so setup reads it by reflection once; the measured calls are direct.
    /// </summary>
    private static PayloadSerializer<BenchOrder> GeneratedSerializer(SlotDescriptor slot) =>
        (PayloadSerializer<BenchOrder>)slot.GetType().GetProperty("PayloadSerializer")!.GetValue(slot)!;

    private static RoutineDescriptor Descriptor<TRoutine>()
        where TRoutine : class, IRoutineDefinition<TRoutine> => TRoutine.Descriptor;
}
