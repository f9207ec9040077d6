using Routilux.Tests.Routines;
using static Routilux.Tests.Serialization.SerializationHarness;

namespace Routilux.Tests.Serialization;

/// <summary>
/// The generated payload serializers, on real Utf8JsonWriter/Utf8JsonReader: every supported shape writes and reads
/// back equal; unknown members are skipped; numbers widen; a wrong or missing value is an error naming the member.
/// </summary>
public sealed class PayloadRoundTripTests
{
    private static readonly DateTimeOffset When = new(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(2));

    [Fact]
    public void Every_primitive_round_trips_in_a_tuple_keyed_by_parameter_names()
    {
        var serializer = Payload<ShapesRoutine, (bool b, sbyte sb, byte by, short s, ushort us, int i, uint ui, long l, ulong ul, float f, double d, decimal m, char c, string? text)>("Numbers");
        var value = (true, sbyte.MinValue, byte.MaxValue, short.MinValue, ushort.MaxValue, int.MinValue, uint.MaxValue, long.MinValue, ulong.MaxValue, 1.5f, Math.PI, 79228162514264337593543950335m, 'λ', (string?)"héllo \"quoted\"");

        var json = Write(serializer, value);

        Assert.StartsWith("{\"b\":true,\"sb\":-128,\"by\":255,", json, StringComparison.Ordinal);
        Assert.Equal(value, Read(serializer, json));
        Assert.Equal(json, Write(serializer, Read(serializer, json)));
    }

    [Fact]
    public void Non_finite_floats_and_a_null_string_round_trip()
    {
        var serializer = Payload<ShapesRoutine, (bool b, sbyte sb, byte by, short s, ushort us, int i, uint ui, long l, ulong ul, float f, double d, decimal m, char c, string? text)>("Numbers");
        var value = (false, (sbyte)0, (byte)0, (short)0, (ushort)0, 0, 0u, 0L, 0UL, float.NegativeInfinity, double.NaN, 0m, 'x', (string?)null);

        var back = Read(serializer, Write(serializer, value));

        Assert.Equal(float.NegativeInfinity, back.f);
        Assert.True(double.IsNaN(back.d));
        Assert.Null(back.text);
    }

    [Fact]
    public void Dates_guids_uris_bytes_enums_and_nullables_round_trip()
    {
        var serializer = Payload<ShapesRoutine, (DateTime at, DateTimeOffset offset, TimeSpan span, Guid id, Uri? link, byte[] bytes, Color color, Access access, int? some, double? none)>("Values");
        (DateTime at, DateTimeOffset offset, TimeSpan span, Guid id, Uri? link, byte[] bytes, Color color, Access access, int? some, double? none) value =
            (new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc), When, new TimeSpan(1, 2, 3, 4, 567), Guid.NewGuid(), (Uri?)new Uri("https://example.org/a?b=1"),
            new byte[] { 0, 1, 254, 255 }, Color.Blue, Access.Read | Access.Write, (int?)42, (double?)null);

        var json = Write(serializer, value);
        var back = Read(serializer, json);

        Assert.Contains("\"color\":\"Blue\"", json, StringComparison.Ordinal);
        Assert.Contains("\"access\":3", json, StringComparison.Ordinal);
        Assert.Contains("\"span\":\"1.02:03:04.5670000\"", json, StringComparison.Ordinal);
        Assert.Equal(value.at, back.at);
        Assert.Equal(value.offset, back.offset);
        Assert.Equal(value.span, back.span);
        Assert.Equal(value.id, back.id);
        Assert.Equal(value.link, back.link);
        Assert.Equal(value.bytes, back.bytes);
        Assert.Equal((Color.Blue, Access.Read | Access.Write, 42, (double?)null), (back.color, back.access, back.some, back.none));
    }

    [Fact]
    public void Enums_are_read_by_name_or_number_and_an_unknown_name_is_named()
    {
        var serializer = Payload<ShapesRoutine, Order>("Orders");
        var json = Write(serializer, SampleOrder());

        Assert.Equal(Color.Green, Read(serializer, json.Replace("\"Color\":\"Red\"", "\"Color\":1", StringComparison.Ordinal)).Color);
        var error = Assert.Throws<RoutiluxSerializationException>(() => Read(serializer, json.Replace("\"Color\":\"Red\"", "\"Color\":\"Mauve\"", StringComparison.Ordinal)));
        Assert.Contains("Order.Color", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Mauve' is not a member of enum 'Color'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_with_every_collection_shape_and_recursion_round_trips()
    {
        var serializer = Payload<ShapesRoutine, Order>("Orders");
        var order = SampleOrder();

        var json = Write(serializer, order);
        var back = Read(serializer, json);

        Assert.Equal(order.Id, back.Id);
        Assert.Equal(order.Lines, back.Lines);
        Assert.Equal(order.Extra, back.Extra);
        Assert.Equal(order.Scores, back.Scores);
        Assert.Equal(order.Notes, back.Notes);
        Assert.Equal(order.Stream, back.Stream);
        Assert.Equal(order.ByName, back.ByName);
        Assert.Equal(order.Rates, back.Rates);
        Assert.Equal(3, back.Tree.Children[1].Children[0].Value);
        Assert.Equal(order.At, back.At);
        Assert.Contains("\"when\":", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"At\":", json, StringComparison.Ordinal);
        Assert.Equal(json, Write(serializer, back));
    }

    [Fact]
    public void Unknown_members_are_skipped_and_integers_widen()
    {
        var serializer = Payload<ShapesRoutine, Order>("Orders");
        var json = Write(serializer, SampleOrder())
            .Replace("{\"Id\":", "{\"future\":{\"deep\":[1,{\"x\":null}]},\"Id\":", StringComparison.Ordinal)
            .Replace("\"Price\":2.5", "\"Price\":2", StringComparison.Ordinal)
            .Replace("\"b\":0.25", "\"b\":7", StringComparison.Ordinal);

        Assert.Contains("\"future\"", json, StringComparison.Ordinal);
        var back = Read(serializer, json);

        Assert.Equal(7, back.Id);
        Assert.Equal(2m, back.Lines[0].Price);
        Assert.Equal(7.0, back.Rates["b"]);
    }

    [Fact]
    public void A_fraction_in_an_integer_member_is_an_error_naming_the_member()
    {
        var serializer = Payload<ShapesRoutine, Order>("Orders");
        var json = Write(serializer, SampleOrder()).Replace("\"Quantity\":2", "\"Quantity\":2.5", StringComparison.Ordinal);

        var error = Assert.Throws<RoutiluxSerializationException>(() => Read(serializer, json));

        Assert.Contains("'Line.Quantity'", error.Message, StringComparison.Ordinal);
        Assert.Contains("expected an integer in the range of Int32, found the number 2.5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_class_is_read_through_its_settable_init_and_required_members()
    {
        var serializer = Payload<ShapesRoutine, Settings>("Configure");
        var settings = new Settings { Name = "a", Retries = 9, Mode = "slow", Limits = new List<int> { 1, 2 } };

        var back = Read(serializer, Write(serializer, settings));

        Assert.Equal(("a", 9, "slow"), (back.Name, back.Retries, back.Mode));
        Assert.Equal(new[] { 1, 2 }, back.Limits);

        // A settable member missing from the document keeps the constructor's value.
        Assert.Equal(3, Read(serializer, "{\"Name\":\"b\"}").Retries);
    }

    [Fact]
    public void A_missing_required_member_is_an_error_naming_it_and_its_type()
    {
        var serializer = Payload<ShapesRoutine, Settings>("Configure");

        var error = Assert.Throws<RoutiluxSerializationException>(() => Read(serializer, "{\"Retries\":1}"));

        Assert.Contains("Cannot read 'Settings': the required member 'Name' is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unit_and_a_single_string_round_trip()
    {
        var unit = Payload<ShapesRoutine, Unit>("Tick");
        Assert.Equal("null", Write(unit, default));
        Assert.Equal(default, Read(unit, "{}"));

        var text = Payload<ShapesRoutine, string>("Text");
        Assert.Equal("\"a\\u0022b\"", Write(text, "a\"b"));
        Assert.Equal("a\"b", Read(text, Write(text, "a\"b")));
    }

    [Fact]
    public void Types_outside_the_shapes_go_through_the_assemblys_json_context()
    {
        var serializer = Payload<ShapesRoutine, (HashSet<string> tags, Shape shape)>("Delegated");
        var value = (new HashSet<string> { "x", "y" }, (Shape)new Circle { Radius = 2 });

        var json = Write(serializer, value);
        var back = Read(serializer, json);

        Assert.Contains("\"$type\":\"circle\"", json, StringComparison.Ordinal);
        Assert.Equal(value.Item1, back.tags);
        Assert.Equal(2, Assert.IsType<Circle>(back.shape).Radius);
    }

    [Fact]
    public void The_wrong_kind_of_value_is_an_error_naming_the_slot()
    {
        var serializer = Payload<ShapesRoutine, Order>("Orders");

        var error = Assert.Throws<RoutiluxSerializationException>(() => Read(serializer, "[1]"));

        Assert.Contains("payload of slot 'Orders' of routine 'ShapesRoutine'", error.Message, StringComparison.Ordinal);
        Assert.Contains("expected an object, found an array", error.Message, StringComparison.Ordinal);
    }

    private static Order SampleOrder() => new(
        7,
        new List<Line> { new("apple", 2, 2.5m), new("pear", 1, 0.1m) },
        new[] { new Line("fig", 3, 1m) },
        new[] { 1, 2, 3 },
        new List<string> { "n1" },
        new[] { 10L, 20L },
        new Dictionary<string, Line> { ["k"] = new("kiwi", 4, 3m) },
        new Dictionary<string, double> { ["a"] = 1.5, ["b"] = 0.25 },
        new Node(1, new List<Node> { new(2, new List<Node>()), new(4, new List<Node> { new(3, new List<Node>()) }) }),
        Color.Red,
        When);
}
