using Routilux.Analyzers.Tests.Infrastructure;

namespace Routilux.Analyzers.Tests.Wiring;

/// <summary>Routines the wiring tests build flows of.</summary>
internal static class TestRoutines
{
    /// <summary>The usings, the routines, then the caller's code (in the global namespace).</summary>
    public static string With(string code) => Verify.Usings + "using Demo;\n" + Source + "\n" + code;

    public const string Source = """
        namespace Demo
        {
            [Routine]
            public partial class Tokenizer
            {
                [Slot] public void Text(string line) { foreach (var w in line.Split(' ')) Word(w); }
                [Emits] public partial void Word(string word);
            }

            [Routine]
            public partial class Counter
            {
                [Slot] public void Word(string word) { }
                [Slot(Optional = true)] public void Reset() { }
            }

            [Routine]
            public partial class Adder
            {
                [Slot] public void Add(int a, int b) => Sum(a + b);
                [Emits] public partial void Sum(int sum);
                [Emits] public partial void Pair(int x, int y);
            }

            [Routine]
            public partial class Numbers
            {
                [Slot] public void Start() => Number(1);
                [Emits] public partial void Number(int n);
            }

            [Routine]
            public partial class Sink
            {
                [Slot] public void In(int value) { }
            }

            [Routine]
            public partial class Needy
            {
                public Needy(string name) { }
                [Slot] public void In(string text) { }
            }
        }
        """;
}
