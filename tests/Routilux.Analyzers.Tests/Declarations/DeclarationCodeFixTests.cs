using System.Threading.Tasks;
using Routilux.Analyzers.Declarations;
using Routilux.Analyzers.Tests.Infrastructure;
using Routilux.CodeFixes.Declarations;
using Xunit;

namespace Routilux.Analyzers.Tests.Declarations;

/// <summary>The fixes for RTLX0001 (make the class partial) and RTLX0005 (make the emit partial, without a body).</summary>
public sealed class DeclarationCodeFixTests
{
    [Fact]
    public Task Routine_class_is_made_partial() =>
        new RoutiluxCodeFixTest<RoutineDeclarationAnalyzer, MakeRoutinePartialCodeFix>(
            Verify.Usings + """
            namespace Demo;

            [Routine]
            public sealed class {|RTLX0001:Counter|}
            {
                [Slot] public void Word(string word) { }
            }

            [Routine]
            class {|RTLX0001:Bare|}
            {
                [Slot] public void Word(string word) { }
            }
            """,
            Verify.Usings + """
            namespace Demo;

            [Routine]
            public sealed partial class Counter
            {
                [Slot] public void Word(string word) { }
            }

            [Routine]
            partial class Bare
            {
                [Slot] public void Word(string word) { }
            }
            """).RunAsync();

    [Fact]
    public Task Enclosing_type_is_made_partial() =>
        new RoutiluxCodeFixTest<RoutineDeclarationAnalyzer, MakeRoutinePartialCodeFix>(
            Verify.Usings + """
            namespace Demo;

            public static class {|RTLX0001:Stages|}
            {
                [Routine] public partial class Parse { [Slot] public void Text(string line) { } }
            }
            """,
            Verify.Usings + """
            namespace Demo;

            public static partial class Stages
            {
                [Routine] public partial class Parse { [Slot] public void Text(string line) { } }
            }
            """).RunAsync();

    [Fact]
    public Task Emit_method_is_made_partial_without_body() =>
        new RoutiluxCodeFixTest<RoutineDeclarationAnalyzer, MakeEmitsPartialCodeFix>(
            Verify.Usings + """
            namespace Demo;

            [Routine]
            public partial class Tokenizer
            {
                [Slot] public void Text(string line) { Word(line); Count(1); }

                [Emits]
                public void {|RTLX0005:Word|}(string word)
                {
                    Console.WriteLine(word);
                }

                [Emits] public async ValueTask {|RTLX0005:Count|}(int n) => await Task.Yield();
            }
            """,
            Verify.Usings + """
            namespace Demo;

            [Routine]
            public partial class Tokenizer
            {
                [Slot] public void Text(string line) { Word(line); Count(1); }

                [Emits]
                public partial void Word(string word);

                [Emits] public partial ValueTask Count(int n);
            }
            """).RunAsync();

    [Fact]
    public Task Hand_written_implementation_of_an_emit_is_removed() =>
        new RoutiluxCodeFixTest<RoutineDeclarationAnalyzer, MakeEmitsPartialCodeFix>(
            Verify.Usings + """
            namespace Demo;

            [Routine]
            public partial class Tokenizer
            {
                [Slot] public void Text(string line) => Word(line);

                [Emits] public partial void Word(string word);

                public partial void {|RTLX0005:Word|}(string word) { }
            }
            """,
            Verify.Usings + """
            namespace Demo;

            [Routine]
            public partial class Tokenizer
            {
                [Slot] public void Text(string line) => Word(line);

                [Emits] public partial void Word(string word);
            }
            """).RunAsync();
}
