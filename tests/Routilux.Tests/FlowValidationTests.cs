using System.Collections.Concurrent;
using Routilux.Tests.Routines;

namespace Routilux.Tests;

public class FlowValidationTests
{
    [Fact]
    public void A_slot_that_is_neither_connected_nor_an_entry_is_reported()
    {
        var flow = new FlowBuilder("dangling");
        var counter = flow.Add<Counter>("counter");
        flow.Add<AddOne>("plus-one");
        flow.Entry(counter.Start());

        var error = Assert.Throws<FlowValidationException>(flow.Build);

        var problem = Assert.Single(error.Problems);
        Assert.Contains("'plus-one.In'", problem, StringComparison.Ordinal);
        Assert.Contains("not connected", problem, StringComparison.Ordinal);
        Assert.Equal("dangling", error.FlowId);
    }

    [Fact]
    public void Optional_slots_may_stay_unconnected()
    {
        var flow = new FlowBuilder("optional");
        var shapes = flow.Add<Shapes>("shapes");
        flow.Entry(shapes.Pair());

        var built = flow.Build();

        Assert.Single(built.Routines);
        Assert.True(built.Routines[0].IsEntry(0));
    }

    [Fact]
    public void Every_problem_is_listed_in_one_exception()
    {
        var flow = new FlowBuilder("broken");
        var counter = flow.Add<Counter>("counter");
        flow.Add<AddOne>("counter");
        flow.ConnectByName("ghost.Number", "counter.In");
        flow.ConnectByName("counter.Number", "counter.Nope");

        var error = Assert.Throws<FlowValidationException>(flow.Build);

        Assert.Contains(error.Problems, p => p.Contains("'counter' is used twice", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("routine 'ghost', which is not in the flow", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("no such slot", StringComparison.Ordinal) && p.Contains("Nope", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("no entry slot", StringComparison.Ordinal) && p.Contains("'counter.Start'", StringComparison.Ordinal));
        Assert.Contains("broken", error.Message, StringComparison.Ordinal);
        Assert.Equal(5, error.Problems.Count);
        Assert.All(error.Problems, p => Assert.Contains(p, error.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_duplicated_id_is_reported_once_without_knock_on_problems()
    {
        var flow = new FlowBuilder("word-count");
        var tokenizer = flow.Add<Tokenizer>("tokenizer");
        var first = flow.Add<WordCounter>("counter");
        var second = flow.Add<WordCounter>("counter");
        flow.Connect(tokenizer.Word(), first.Word());
        flow.Entry(tokenizer.Text());

        var error = Assert.Throws<FlowValidationException>(flow.Build);

        var problem = Assert.Single(error.Problems);
        Assert.Contains("'counter' is used twice", problem, StringComparison.Ordinal);
        GC.KeepAlive(second);
    }

    [Fact]
    public void A_flow_without_an_entry_is_one_problem_that_lists_the_slots_nothing_feeds()
    {
        var flow = new FlowBuilder("word-count");
        var tokenizer = flow.Add<Tokenizer>("tokenizer");
        var counter = flow.Add<WordCounter>("counter");
        flow.Connect(tokenizer.Word(), counter.Word());

        var error = Assert.Throws<FlowValidationException>(flow.Build);

        var problem = Assert.Single(error.Problems);
        Assert.Contains("no entry slot", problem, StringComparison.Ordinal);
        Assert.Contains("slots that nothing feeds: 'tokenizer.Text'", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("is not connected", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_connection_does_not_also_report_its_target_as_unconnected()
    {
        var flow = new FlowBuilder("word-count");
        var tokenizer = flow.Add<Tokenizer>("tokenizer");
        var counter = flow.Add<WordCounter>("counter");
        flow.ConnectByName("tokenizer.Words", "counter.Word");
        flow.Entry(tokenizer.Text());

        var error = Assert.Throws<FlowValidationException>(flow.Build);

        var problem = Assert.Single(error.Problems);
        Assert.Contains("names event 'Words'", problem, StringComparison.Ordinal);
        GC.KeepAlive(counter);
    }

    [Fact]
    public void A_port_of_another_builder_with_the_same_id_is_told_apart_and_reported_once()
    {
        var other = new FlowBuilder("word-count");
        var foreign = other.Add<Tokenizer>("tokenizer");
        var flow = new FlowBuilder("word-count");
        var tokenizer = flow.Add<Tokenizer>("tokenizer");
        var counter = flow.Add<WordCounter>("counter");
        flow.Connect(foreign.Word(), counter.Word());
        flow.Entry(tokenizer.Text());

        var error = Assert.Throws<FlowValidationException>(flow.Build);

        var problem = Assert.Single(error.Problems);
        Assert.Contains("added to another FlowBuilder (also with id 'word-count'), not to this flow 'word-count'", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("not to flow 'word-count'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Connecting_by_name_checks_payload_types()
    {
        var flow = new FlowBuilder("types");
        var counter = flow.Add<Counter>("counter");
        flow.Add("sink", () => new Sink<string>(new ConcurrentQueue<string>()));
        flow.ConnectByName("counter.Number", "sink.In");
        flow.Entry(counter.Start());

        var error = Assert.Throws<FlowValidationException>(flow.Build);

        Assert.Contains(error.Problems, p => p.Contains("payload types differ", StringComparison.Ordinal) && p.Contains("Int32", StringComparison.Ordinal) && p.Contains("String", StringComparison.Ordinal));
    }

    [Fact]
    public void Connecting_by_name_works_like_typed_ports()
    {
        var flow = new FlowBuilder("by-name");
        flow.Add<Counter>("counter");
        flow.Add<AddOne>("plus-one");
        flow.ConnectByName("counter.Number", "plus-one.In");
        flow.EntryByName("counter.Start");

        var built = flow.Build();

        var connection = Assert.Single(built.Connections);
        Assert.Equal("counter.Number -> plus-one.In", connection.ToString());
    }

    [Fact]
    public void A_duplicate_connection_and_malformed_references_are_reported()
    {
        var flow = new FlowBuilder("dupes");
        var counter = flow.Add<Counter>("counter");
        var plusOne = flow.Add<AddOne>("plus-one");
        flow.Connect(counter.Number(), plusOne.In());
        flow.Connect(counter.Number(), plusOne.In());
        flow.ConnectByName("no-dot", "plus-one.");
        flow.Entry(counter.Start());

        var error = Assert.Throws<FlowValidationException>(flow.Build);

        Assert.Contains(error.Problems, p => p.Contains("twice", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("'no-dot'", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("'plus-one.'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_port_from_another_flow_is_reported()
    {
        var other = new FlowBuilder("other");
        var foreign = other.Add<AddOne>("foreign");
        var flow = new FlowBuilder("mine");
        var counter = flow.Add<Counter>("counter");
        flow.Connect(counter.Number(), foreign.In());
        flow.Entry(counter.Start());

        var error = Assert.Throws<FlowValidationException>(flow.Build);

        Assert.Contains(error.Problems, p => p.Contains("added to flow 'other'", StringComparison.Ordinal));
    }

    [Fact]
    public void Routines_without_a_parameterless_constructor_need_a_factory()
    {
        var flow = new FlowBuilder("ctor");
        var gate = flow.Add<Gate>("gate");
        flow.Entry(gate.In());

        var error = Assert.Throws<FlowValidationException>(flow.Build);

        Assert.Contains(error.Problems, p => p.Contains("no accessible parameterless constructor", StringComparison.Ordinal) && p.Contains("factory", StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_capacities_and_empty_ids_are_reported()
    {
        var flow = new FlowBuilder("capacity");
        var counter = flow.Add<Counter>("counter");
        flow.Add<AddOne>(" ");
        flow.SetCapacity(counter.Start(), 0);
        flow.Entry(counter.Start());

        var error = Assert.Throws<FlowValidationException>(flow.Build);

        Assert.Contains(error.Problems, p => p.Contains("capacity 0", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("empty id", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => new FlowBuilder(""));
    }

    [Fact]
    public async Task Posting_to_a_slot_that_is_not_an_entry_is_refused()
    {
        var flow = new FlowBuilder("entries");
        var counter = flow.Add<Counter>("counter");
        var plusOne = flow.Add<AddOne>("plus-one");
        flow.Connect(counter.Number(), plusOne.In());
        flow.Entry(counter.Start());

        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow.Build());

        var error = await Assert.ThrowsAsync<ArgumentException>(async () => await worker.StartAsync(plusOne.In(), 1));
        Assert.Contains("'plus-one.In' is not an entry of flow 'entries'", error.Message, StringComparison.Ordinal);
        Assert.Contains("counter.Start", error.Message, StringComparison.Ordinal);
        Assert.Empty(worker.ActiveJobs);
    }

    [Fact]
    public async Task Posting_with_a_port_of_another_flow_is_refused()
    {
        var flowA = new FlowBuilder("a");
        var counterA = flowA.Add<Counter>("counter");
        flowA.Add("sink", () => new Sink<int>(new ConcurrentQueue<int>()));
        flowA.ConnectByName("counter.Number", "sink.In");
        flowA.Entry(counterA.Start());
        var flowB = new FlowBuilder("b");
        var counterB = flowB.Add<Counter>("counter");
        flowB.Entry(counterB.Start());

        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flowA.Build());

        var error = await Assert.ThrowsAsync<ArgumentException>(async () => await worker.StartAsync(counterB.Start(), 1));
        Assert.Contains("belongs to flow 'b'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Worker_ids_are_unique_and_lookups_explain_what_exists()
    {
        var flow = new FlowBuilder("ids");
        var counter = flow.Add<Counter>("counter");
        flow.Entry(counter.Start());
        var built = flow.Build();

        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(built, new WorkerOptions { Id = "w" });

        Assert.Throws<ArgumentException>(() => runtime.CreateWorker(built, new WorkerOptions { Id = "w" }));
        Assert.Same(worker, runtime.FindWorker("w"));
        var missing = Assert.Throws<KeyNotFoundException>(() => worker.GetRoutine("nope"));
        Assert.Contains("counter", missing.Message, StringComparison.Ordinal);
        Assert.True(await runtime.RemoveWorkerAsync("w"));
        Assert.Null(runtime.FindWorker("w"));
    }

    [Fact]
    public void Emitting_outside_a_worker_explains_itself()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new Counter().Start(1));
        Assert.Contains("Counter.Number", error.Message, StringComparison.Ordinal);
        Assert.Contains("not running in a flow", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_catalog_creates_routines_by_name_without_reflection()
    {
        var descriptor = RoutineCatalog.Get("Counter");

        Assert.Equal(typeof(Counter), descriptor.RoutineType);
        Assert.IsType<Counter>(descriptor.CreateInstance());
        Assert.Equal("Emits 0..n-1 on Number.", descriptor.Summary);
        Assert.Equal(new[] { "Start" }, descriptor.Slots.Select(s => s.Name));
        Assert.Equal(new[] { "Number" }, descriptor.Events.Select(e => e.Name));
        Assert.Same(descriptor, RoutineCatalog.Get(typeof(Counter).FullName!));
        Assert.True(RoutineCatalog.TryGet("AddOne", out _));
        Assert.False(RoutineCatalog.TryGet("Sink", out _));
        var missing = Assert.Throws<KeyNotFoundException>(() => RoutineCatalog.Get("Nope"));
        Assert.Contains("Counter", missing.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => RoutineCatalog.Get("Gate").CreateInstance());
    }
}
