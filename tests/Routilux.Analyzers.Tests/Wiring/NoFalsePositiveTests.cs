using System.Threading.Tasks;
using Routilux.Analyzers.Tests.Infrastructure;
using Routilux.Analyzers.Wiring;
using Xunit;

namespace Routilux.Analyzers.Tests.Wiring;

/// <summary>
/// The wiring checks stay silent unless the whole flow is built in one method with literal ids and a builder that
/// never escapes: each case here hides an unconnected slot the analyzer must not guess about.
/// </summary>
public sealed class NoFalsePositiveTests
{
    private static Task Silent(string code) => Verify.Analyzer<FlowAnalyzer>(TestRoutines.With(code));

    [Fact]
    public Task Fully_connected_flow_has_no_diagnostics() => Silent("""
        public static class Wiring
        {
            public static Flow Build()
            {
                var flow = new FlowBuilder("words");
                var tok = flow.Add<Tokenizer>("tokenizer");
                var cnt = flow.Add<Counter>("counter");
                var add = flow.Add<Adder>("adder");
                var sink = flow.Add("sink", () => new Sink());
                flow.Connect(tok.Word(), cnt.Word());
                flow.Connect(add.Sum(), sink.In());
                flow.ConnectByName("adder.Pair", "adder.Add");
                flow.Entry(tok.Text()).EntryByName("adder.Add");
                flow.OnError(ErrorPolicy.Continue).SetCapacity(cnt.Word(), 10);
                Console.WriteLine(flow.Id);
                return flow.Build();
            }
        }
        """);

    [Fact]
    public Task Builder_passed_to_another_method_is_not_checked() => Silent("""
        public static class Wiring
        {
            public static Flow Build()
            {
                var flow = new FlowBuilder("words");
                var tok = flow.Add<Tokenizer>("tokenizer");
                flow.Entry(tok.Text());
                AddCounter(flow);
                return flow.Build();
            }

            private static void AddCounter(FlowBuilder flow) => flow.ConnectByName("tokenizer.Word", "counter.Word");
        }
        """);

    [Fact]
    public Task Builder_stored_returned_or_captured_is_not_checked() => Silent("""
        public class Wiring
        {
            private FlowBuilder? _saved;

            public FlowBuilder Stored()
            {
                var flow = new FlowBuilder("a");
                flow.Add<Counter>("counter");
                _saved = flow;
                return flow;
            }

            public Func<Flow> Captured()
            {
                var flow = new FlowBuilder("b");
                flow.Add<Counter>("counter");
                return () => flow.Build();
            }

            public FlowBuilder Chained()
            {
                var flow = new FlowBuilder("c");
                var cnt = flow.Add<Counter>("counter");
                return flow.Entry(cnt.Word());
            }
        }
        """);

    [Fact]
    public Task Conditional_or_computed_wiring_is_not_checked() => Silent("""
        public static class Wiring
        {
            public static Flow Conditional(bool counting)
            {
                var flow = new FlowBuilder("a");
                var tok = flow.Add<Tokenizer>("tokenizer");
                var cnt = flow.Add<Counter>("counter");
                flow.Entry(tok.Text());
                if (counting)
                {
                    flow.Connect(tok.Word(), cnt.Word());
                }

                return flow.Build();
            }

            public static Flow Computed(string id)
            {
                var flow = new FlowBuilder("b");
                var tok = flow.Add<Tokenizer>(id);
                flow.Add<Counter>("counter");
                flow.Entry(tok.Text());
                return flow.Build();
            }

            public static Flow Looped()
            {
                var flow = new FlowBuilder("c");
                var tok = flow.Add<Tokenizer>("tokenizer");
                flow.Entry(tok.Text());
                for (var i = 0; i < 2; i++)
                {
                    flow.Add<Counter>("counter" + i);
                }

                return flow.Build();
            }
        }
        """);

    [Fact]
    public Task Handle_from_a_parameter_or_reassigned_is_not_checked() => Silent("""
        public static class Wiring
        {
            public static Flow FromParameter(RoutineHandle<Tokenizer> tok)
            {
                var flow = new FlowBuilder("a");
                var cnt = flow.Add<Counter>("counter");
                flow.Connect(tok.Word(), cnt.Word());
                return flow.Build();
            }

            public static Flow Reassigned()
            {
                var flow = new FlowBuilder("b");
                var tok = flow.Add<Tokenizer>("tokenizer");
                tok = flow.Add<Tokenizer>("second");
                var cnt = flow.Add<Counter>("counter");
                flow.Entry(tok.Text());
                return flow.Build();
            }
        }
        """);

    [Fact]
    public Task Flow_that_is_never_built_has_no_whole_flow_diagnostics() => Silent("""
        public static class Wiring
        {
            public static void Sketch()
            {
                var flow = new FlowBuilder("draft");
                var cnt = flow.Add<Counter>("counter");
            }
        }
        """);
}
