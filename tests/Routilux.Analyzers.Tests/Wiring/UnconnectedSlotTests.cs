using System.Threading.Tasks;
using Routilux.Analyzers.Tests.Infrastructure;
using Routilux.Analyzers.Wiring;
using Xunit;

namespace Routilux.Analyzers.Tests.Wiring;

/// <summary>RTLX1001, the headline: a slot of a routine in a built flow that nothing connects.</summary>
public sealed class UnconnectedSlotTests
{
    [Fact]
    public Task Slot_never_connected_is_reported_on_the_Add_call() =>
        Verify.Analyzer<FlowAnalyzer>(TestRoutines.With("""
            public static class Wiring
            {
                public static Flow Build()
                {
                    var flow = new FlowBuilder("words");
                    var tok = {|#1:flow.Add<Tokenizer>("tokenizer")|};
                    var cnt = {|#0:flow.Add<Counter>("counter")|};
                    flow.Entry(tok.Text());
                    return flow.Build();
                }
            }
            """),
            Verify.Diagnostic("RTLX1001", 0).WithArguments("Word", "counter", "flow 'words'"),
            Verify.Diagnostic("RTLX1002", 1).WithArguments("Word", "tokenizer", "flow 'words'"));
}
