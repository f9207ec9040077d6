using System.Threading.Tasks;
using Routilux.Analyzers.Tests.Infrastructure;
using Routilux.Analyzers.Wiring;
using Xunit;

namespace Routilux.Analyzers.Tests.Wiring;

/// <summary>Mistakes in one Connect, Entry or Add call that Build would reject (RTLX1002-RTLX1009).</summary>
public sealed class FlowMistakeTests
{
    private static Task Flow(string body, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected) =>
        Verify.Analyzer<FlowAnalyzer>(TestRoutines.With("public static class Wiring { public static Flow Build() {\n" + body + "\n} }"), expected);

    [Fact]
    public Task Mismatched_payloads_by_name_are_reported() => Flow("""
        var flow = new FlowBuilder("f");
        var add = flow.Add<Adder>("adder");
        var cnt = flow.Add<Counter>("counter");
        {|#0:flow.ConnectByName("adder.Sum", "counter.Word")|};
        flow.Connect(add.Pair(), add.Add());
        flow.Entry(add.Add());
        return flow.Build();
        """,
        Verify.Diagnostic("RTLX1003", 0).WithArguments("adder.Sum", "int", "counter.Word", "string"));

    [Fact]
    public Task Mismatched_typed_ports_name_both_payload_types_beside_the_compiler_error() => Flow("""
        var flow = new FlowBuilder("f");
        var ints = flow.Add<Numbers>("numbers");
        var words = flow.Add<Counter>("counter");
        {|#0:flow.{|CS0411:Connect|}(ints.Number(), words.Word())|};
        flow.Entry(ints.Start());
        return flow.Build();
        """,
        Verify.Diagnostic("RTLX1003", 0).WithArguments("ints.Number()", "int", "words.Word()", "string"));

    [Fact]
    public Task Matching_typed_ports_and_other_failed_calls_are_not_reported_as_mismatches() => Verify.AnalyzerIgnoringCompilerErrors<FlowAnalyzer>(TestRoutines.With("""
        public static class Wiring
        {
            public static void Build(FlowBuilder flow, Numbers other)
            {
                var ints = flow.Add<Numbers>("numbers");
                var sink = flow.Add<Sink>("sink");
                flow.Connect(ints.Number(), sink.In());
                flow.Connect(ints.Number(), 42);
                flow.Connect("a", "b", "c");
                other.Connect(1, 2);
            }
        }

        public static class Extensions
        {
            public static void Connect(this Numbers numbers, int a, int b) { }
        }
        """));

    [Fact]
    public Task Tuple_names_do_not_make_payloads_differ() => Flow("""
        var flow = new FlowBuilder("f");
        var add = flow.Add<Adder>("adder");
        flow.ConnectByName("adder.Pair", "adder.Add");
        flow.Connect(add.Sum(), flow.Add<Sink>("sink").In());
        flow.EntryByName("adder.Add");
        return flow.Build();
        """);

    [Fact]
    public Task Unknown_routines_and_ports_by_name_are_reported() => Flow("""
        var flow = new FlowBuilder("f");
        var tok = flow.Add<Tokenizer>("tokenizer");
        var cnt = flow.Add<Counter>("counter");
        flow.ConnectByName({|#0:"tokenizer.Words"|}, "counter.Word");
        flow.ConnectByName("tokenizer.Word", {|#1:"count.Word"|});
        flow.ConnectByName("tokenizer.Word", "counter.Word");
        flow.EntryByName({|#2:"tokenizer"|});
        flow.Entry(tok.Text());
        return flow.Build();
        """,
        Verify.Diagnostic("RTLX1004", 0).WithArguments("tokenizer.Words", "no event of routine 'tokenizer' (Tokenizer)"),
        Verify.Diagnostic("RTLX1004", 1).WithArguments("count.Word", "routine 'count', which is not added to flow 'f'"),
        Verify.Diagnostic("RTLX1004", 2).WithArguments("tokenizer", "no port: a reference is \"routineId.SlotName\""));

    [Fact]
    public Task Duplicate_routine_id_is_reported() => Flow("""
        var flow = new FlowBuilder("f");
        var tok = flow.Add<Tokenizer>("tokenizer");
        var other = flow.Add<Tokenizer>({|#0:"tokenizer"|});
        var cnt = flow.Add<Counter>("counter");
        flow.Connect(tok.Word(), cnt.Word());
        flow.Entry(tok.Text());
        return flow.Build();
        """,
        Verify.Diagnostic("RTLX1005", 0).WithArguments("tokenizer", "flow 'f'"));

    [Fact]
    public Task Port_of_another_flow_is_reported() => Flow("""
        var flow = new FlowBuilder("f");
        var other = new FlowBuilder("g");
        var tok = flow.Add<Tokenizer>("tokenizer");
        var stray = other.Add<Counter>("stray");
        var cnt = flow.Add<Counter>("counter");
        flow.Connect(tok.Word(), cnt.Word());
        flow.Connect(tok.Word(), {|#0:stray.Word()|});
        flow.Entry(tok.Text());
        return flow.Build();
        """,
        Verify.Diagnostic("RTLX1006", 0).WithArguments("stray.Word()", "stray", "flow 'f'"));

    [Fact]
    public Task Routine_without_constructor_added_without_factory_is_reported() => Flow("""
        var flow = new FlowBuilder("f");
        var needy = {|#0:flow.Add<Needy>("needy")|};
        var fine = flow.Add("fine", () => new Needy("x"));
        flow.Entry(needy.In());
        flow.Entry(fine.In());
        return flow.Build();
        """,
        Verify.Diagnostic("RTLX1007", 0).WithArguments("needy", "Needy"));

    [Fact]
    public Task Duplicate_connection_is_reported() => Flow("""
        var flow = new FlowBuilder("f");
        var tok = flow.Add<Tokenizer>("tokenizer");
        var cnt = flow.Add<Counter>("counter");
        flow.Connect(tok.Word(), cnt.Word());
        {|#0:flow.ConnectByName("tokenizer.Word", "counter.Word")|};
        flow.Entry(tok.Text());
        return flow.Build();
        """,
        Verify.Diagnostic("RTLX1008", 0).WithArguments("tokenizer.Word", "counter.Word"));

    [Fact]
    public Task Flow_without_entry_is_reported() => Flow("""
        var flow = {|#0:new FlowBuilder("f")|};
        var add = flow.Add<Adder>("adder");
        flow.Connect(add.Pair(), add.Add());
        flow.Connect(add.Sum(), flow.Add<Sink>("sink").In());
        return flow.Build();
        """,
        Verify.Diagnostic("RTLX1009", 0).WithArguments("Flow 'f'"));

    [Fact]
    public Task Unconnected_event_is_reported_as_info() => Flow("""
        var flow = new FlowBuilder("f");
        var add = {|#0:flow.Add<Adder>("adder")|};
        flow.Connect(add.Sum(), flow.Add<Sink>("sink").In());
        flow.Entry(add.Add());
        return flow.Build();
        """,
        Verify.Diagnostic("RTLX1002", 0).WithArguments("Pair", "adder", "flow 'f'"));
}
