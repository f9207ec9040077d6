using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Routilux.Analyzers.Tests.Infrastructure;
using Routilux.Analyzers.Wiring;
using Routilux.CodeFixes.Wiring;
using Xunit;

namespace Routilux.Analyzers.Tests.Wiring;

/// <summary>The RTLX1001 fixes: connect the slot to a compatible event of another routine, or mark it as an entry.</summary>
public sealed class UnconnectedSlotCodeFixTests
{
    private static string Method(string body) =>
        TestRoutines.With("public static class Wiring\n{\n    public static Flow Build()\n    {\n" + body + "    }\n}\n");

    private static Task Fix(string before, string after, string equivalenceKey, OutputKind outputKind = OutputKind.DynamicallyLinkedLibrary) =>
        new RoutiluxCodeFixTest<FlowAnalyzer, UnconnectedSlotCodeFix>(before, after, outputKind) { CodeActionEquivalenceKey = equivalenceKey }.RunAsync();

    [Fact]
    public Task Slot_is_connected_to_the_only_compatible_event() => Fix(
        Method("""
                var flow = new FlowBuilder("words");
                var tok = flow.Add<Tokenizer>("tokenizer");
                var cnt = {|RTLX1001:flow.Add<Counter>("counter")|};
                flow.Entry(tok.Text());
                return flow.Build();

        """).Replace("var tok = flow.Add<Tokenizer>(\"tokenizer\");", "var tok = {|RTLX1002:flow.Add<Tokenizer>(\"tokenizer\")|};", System.StringComparison.Ordinal),
        Method("""
                var flow = new FlowBuilder("words");
                var tok = flow.Add<Tokenizer>("tokenizer");
                var cnt = flow.Add<Counter>("counter");
                flow.Connect(tok.Word(), cnt.Word());
                flow.Entry(tok.Text());
                return flow.Build();

        """),
        "RTLX1001.ConnectOnlyCandidate");

    [Fact]
    public Task Slot_is_connected_to_the_chosen_event_by_name_when_handles_are_not_kept() => Fix(
        Method("""
                var flow = new FlowBuilder("numbers");
                var add = {|RTLX1002:flow.Add<Adder>("adder")|};
                flow.Add<Numbers>("numbers");
                {|RTLX1001:flow.Add<Sink>("sink")|};
                flow.Connect(add.Pair(), add.Add());
                flow.EntryByName("numbers.Start");
                return flow.Build();

        """).Replace("flow.Add<Numbers>(\"numbers\");", "{|RTLX1002:flow.Add<Numbers>(\"numbers\")|};", System.StringComparison.Ordinal),
        Method("""
                var flow = new FlowBuilder("numbers");
                var add = {|RTLX1002:flow.Add<Adder>("adder")|};
                flow.Add<Numbers>("numbers");
                flow.Add<Sink>("sink");
                flow.Connect(add.Pair(), add.Add());
                flow.ConnectByName("numbers.Number", "sink.In");
                flow.EntryByName("numbers.Start");
                return flow.Build();

        """),
        "RTLX1001.Connect:numbers.Number");

    [Fact]
    public Task Every_unconnected_slot_is_marked_as_an_entry() => Fix(
        Method("""
                var flow = {|RTLX1009:new FlowBuilder("words")|};
                var tok = {|RTLX1001:flow.Add<Tokenizer>("tokenizer")|};
                var cnt = flow.Add<Counter>("counter");
                var start = {|RTLX1001:flow.Add<Numbers>("numbers")|};
                var sink = flow.Add<Sink>("sink");
                flow.Connect(tok.Word(), cnt.Word());
                flow.Connect(start.Number(), sink.In());
                return flow.Build();

        """),
        Method("""
                var flow = new FlowBuilder("words");
                var tok = flow.Add<Tokenizer>("tokenizer");
                var cnt = flow.Add<Counter>("counter");
                var start = flow.Add<Numbers>("numbers");
                var sink = flow.Add<Sink>("sink");
                flow.Connect(tok.Word(), cnt.Word());
                flow.Connect(start.Number(), sink.In());
                flow.Entry(tok.Text());
                flow.Entry(start.Start());
                return flow.Build();

        """),
        "RTLX1001.Entry");

    [Fact]
    public Task Top_level_program_is_fixed_in_place() => Fix(
        TestRoutines.With("""
            var flow = new FlowBuilder("words");
            var tok = {|RTLX1002:flow.Add<Tokenizer>("tokenizer")|};
            var cnt = {|RTLX1001:flow.Add<Counter>("counter")|};
            flow.Entry(tok.Text());
            Console.WriteLine(flow.Build().Id);

            """).Replace("namespace Demo\n{", "namespace Demo\n{", System.StringComparison.Ordinal).Replace(TestRoutines.Source + "\n", string.Empty, System.StringComparison.Ordinal) + TestRoutines.Source,
        TestRoutines.With("""
            var flow = new FlowBuilder("words");
            var tok = flow.Add<Tokenizer>("tokenizer");
            var cnt = flow.Add<Counter>("counter");
            flow.Connect(tok.Word(), cnt.Word());
            flow.Entry(tok.Text());
            Console.WriteLine(flow.Build().Id);

            """).Replace(TestRoutines.Source + "\n", string.Empty, System.StringComparison.Ordinal) + TestRoutines.Source,
        "RTLX1001.ConnectOnlyCandidate",
        OutputKind.ConsoleApplication);
}
