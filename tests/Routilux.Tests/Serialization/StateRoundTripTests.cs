using System.Text;
using System.Text.Json;
using Routilux.Serialization;
using Routilux.Tests.Routines;
using static Routilux.Tests.Serialization.SerializationHarness;

namespace Routilux.Tests.Serialization;

/// <summary>
/// The generated state serializers through StateDocuments: state round-trips; members of a newer build survive a
/// read and write by this one; former names and widening are read; v1 and v2 documents migrate to v3; a future
/// version or a missing migration is an error naming both versions or the missing step, and the document.
/// </summary>
public sealed class StateRoundTripTests
{
    private const string Document = "state of routine 'counter' in checkpoint 4 of worker 'w1'";

    private static StateSerializer Serializer<TRoutine>()
        where TRoutine : class, IRoutineDefinition<TRoutine> => Descriptor<TRoutine>().StateSerializer!;

    [Fact]
    public void The_descriptor_carries_the_state_version()
    {
        Assert.True(Descriptor<StatefulCounter>().HasState);
        Assert.Equal(3, Descriptor<StatefulCounter>().StateVersion);
        Assert.False(Descriptor<ShapesRoutine>().HasState);
    }

    [Fact]
    public void State_round_trips_and_a_readonly_list_is_filled_in_place()
    {
        var counter = new StatefulCounter { Ratio = 0.5 };
        counter.In("a");
        counter.In("b");
        counter.ByKey["k"] = 3;
        var json = WriteState(Serializer<StatefulCounter>(), counter);

        var restored = new StatefulCounter();
        var seen = restored.Seen;
        StateDocuments.ReadInto(Serializer<StatefulCounter>(), restored, Encoding.UTF8.GetBytes(json), 3, Document);

        Assert.Equal("{\"total\":2,\"seen\":[\"a\",\"b\"],\"ratio\":0.5,\"byKey\":{\"k\":3}}", json);
        Assert.Equal(2, restored.Total);
        Assert.Same(seen, restored.Seen);
        Assert.Equal(new[] { "a", "b" }, restored.Seen);
        Assert.Equal(3, restored.ByKey["k"]);
        Assert.Equal(json, WriteState(Serializer<StatefulCounter>(), restored));
    }

    [Fact]
    public void Members_of_a_newer_build_survive_a_read_and_write_by_this_one()
    {
        const string newer = "{\"total\":5,\"added\":{\"by\":\"v4\",\"list\":[1,2]},\"seen\":[],\"flag\":true}";
        var counter = new StatefulCounter();

        StateDocuments.ReadInto(Serializer<StatefulCounter>(), counter, Encoding.UTF8.GetBytes(newer), 3, Document);
        counter.In("x");
        var written = JsonDocument.Parse(WriteState(Serializer<StatefulCounter>(), counter)).RootElement;

        Assert.Equal(6, written.GetProperty("total").GetInt64());
        Assert.Equal("v4", written.GetProperty("added").GetProperty("by").GetString());
        Assert.Equal(2, written.GetProperty("added").GetProperty("list").GetArrayLength());
        Assert.True(written.GetProperty("flag").GetBoolean());
    }

    [Fact]
    public void A_former_name_is_read_and_integers_widen()
    {
        var counter = new StatefulCounter();

        StateDocuments.ReadInto(Serializer<StatefulCounter>(), counter, Encoding.UTF8.GetBytes("{\"count\":9,\"ratio\":2}"), 3, Document);

        Assert.Equal(9, counter.Total);
        Assert.Equal(2.0, counter.Ratio);
    }

    [Fact]
    public void A_missing_member_keeps_the_constructors_value()
    {
        var counter = new StatefulCounter { Ratio = 0.75 };

        StateDocuments.ReadInto(Serializer<StatefulCounter>(), counter, Encoding.UTF8.GetBytes("{\"total\":1}"), 3, Document);

        Assert.Equal(0.75, counter.Ratio);
    }

    [Theory]
    [InlineData("{\"n\":4,\"seen\":\"a,b,c\"}", 1)]
    [InlineData("{\"count\":4,\"seen\":\"a,b,c\"}", 2)]
    public void Older_documents_are_migrated_step_by_step(string json, int version)
    {
        var counter = new StatefulCounter();

        StateDocuments.ReadInto(Serializer<StatefulCounter>(), counter, Encoding.UTF8.GetBytes(json), version, Document);

        Assert.Equal(4, counter.Total);
        Assert.Equal(new[] { "a", "b", "c" }, counter.Seen);
    }

    [Fact]
    public void A_json_element_is_read_the_same_way()
    {
        var counter = new StatefulCounter();
        using var document = JsonDocument.Parse("{\"n\":4,\"seen\":\"a\"}");

        StateDocuments.ReadInto(Serializer<StatefulCounter>(), counter, document.RootElement, 1, Document);

        Assert.Equal((4L, "a"), (counter.Total, counter.Seen.Single()));
    }

    [Fact]
    public void A_future_version_is_an_error_naming_both_versions_and_the_document()
    {
        var error = Assert.Throws<RoutiluxSerializationException>(() =>
            StateDocuments.ReadInto(Serializer<StatefulCounter>(), new StatefulCounter(), Encoding.UTF8.GetBytes("{}"), 4, Document));

        Assert.Contains(Document, error.Message, StringComparison.Ordinal);
        Assert.Contains("state version 4, newer than this code's version 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_migration_step_is_an_error_naming_the_routine_and_the_step()
    {
        var error = Assert.Throws<RoutiluxSerializationException>(() =>
            StateDocuments.ReadInto(Serializer<WholeStateRoutine>(), new WholeStateRoutine(), Encoding.UTF8.GetBytes("{\"_count\":1}"), 1, "state of routine 'w'"));

        Assert.Contains("Routine 'WholeStateRoutine' has no [MigrateState(from: 1)] migration", error.Message, StringComparison.Ordinal);
        Assert.Contains("from version 1 to 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_json_and_a_wrong_shape_are_errors_naming_the_document_and_member()
    {
        var bad = Assert.Throws<RoutiluxSerializationException>(() =>
            StateDocuments.ReadInto(Serializer<StatefulCounter>(), new StatefulCounter(), Encoding.UTF8.GetBytes("{\"total\":"), 3, Document));
        var shape = Assert.Throws<RoutiluxSerializationException>(() =>
            StateDocuments.ReadInto(Serializer<StatefulCounter>(), new StatefulCounter(), Encoding.UTF8.GetBytes("{\"total\":\"many\"}"), 3, Document));

        Assert.Contains(Document, bad.Message, StringComparison.Ordinal);
        Assert.Contains(Document, shape.Message, StringComparison.Ordinal);
        Assert.Contains("'counter.total': expected an integer in the range of Int64, found the string \"many\"", shape.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void State_on_the_class_saves_every_field_but_not_state_ones()
    {
        var routine = new WholeStateRoutine();
        routine.In(5);

        Assert.Equal("{\"_count\":5}", WriteState(Serializer<WholeStateRoutine>(), routine));
    }
}
