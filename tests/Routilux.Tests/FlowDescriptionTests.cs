using System.Text.Json;
using Routilux.Tests.Routines;

namespace Routilux.Tests;

public class FlowDescriptionTests
{
    [Fact]
    public void A_flow_describes_itself_as_versioned_json_with_typed_ports_connections_entries_and_dependencies()
    {
        var flow = new FlowBuilder("described");
        var counter = flow.Add<Counter>("counter");
        var plusOne = flow.Add<AddOne>("plus-one");
        var tally = flow.Add<Tally<int>>("tally");
        flow.Connect(counter.Number(), plusOne.In()).Connect(plusOne.Out(), tally.In()).Connect(counter.Number(), tally.In());
        flow.Entry(counter.Start());
        flow.OnError(plusOne, ErrorPolicy.Skip);

        var description = flow.Build().Describe();
        using var json = JsonDocument.Parse(description.ToJson());
        var root = json.RootElement;

        Assert.Equal("format", root.EnumerateObject().First().Name);
        Assert.Equal(FlowDescription.FormatVersion, root.GetProperty("format").GetInt32());
        Assert.Equal("described", root.GetProperty("id").GetString());
        var counterJson = root.GetProperty("routines").GetProperty("counter");
        Assert.Equal("Counter", counterJson.GetProperty("type").GetString());
        Assert.Equal("Emits 0..n-1 on Number.", counterJson.GetProperty("summary").GetString());
        Assert.Equal("System.Int32", counterJson.GetProperty("slots").GetProperty("Start").GetProperty("payload").GetString());
        Assert.True(counterJson.GetProperty("slots").GetProperty("Start").GetProperty("entry").GetBoolean());
        Assert.Equal("skip", root.GetProperty("routines").GetProperty("plus-one").GetProperty("onError").GetString());
        Assert.Equal(3, root.GetProperty("connections").GetArrayLength());
        Assert.Equal("counter.Start", root.GetProperty("entries")[0].GetString());
        Assert.Equal(new[] { "plus-one", "counter" }, root.GetProperty("dependencies").GetProperty("tally").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(new[] { "plus-one", "counter" }, description.Dependencies["tally"]);
    }
}
