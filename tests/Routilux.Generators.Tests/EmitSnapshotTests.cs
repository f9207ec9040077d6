using Routilux.Generators.Tests.Infrastructure;
using Xunit;

namespace Routilux.Generators.Tests;

/// <summary>Generated bodies and ports for each shape of [Emits] partial method.</summary>
public sealed class EmitSnapshotTests
{
    [Fact]
    public void VoidAndValueTaskEmits() => GeneratedSource.Verify("""
        using System.Threading.Tasks;
        using Routilux;

        namespace Demo;

        [Routine]
        public partial class Emitter
        {
            [Emits] public partial void Word(string word);
            [Emits] public partial ValueTask Pair(int a, int b);
        }
        """);

    [Fact]
    public void ZeroParameterEmit() => GeneratedSource.Verify("""
        using Routilux;

        namespace Demo;

        [Routine]
        public partial class Signal
        {
            [Emits] public partial void Done();
        }
        """);

    [Fact]
    public void EmitModifiersAndNames() => GeneratedSource.Verify("""
        using System.Threading.Tasks;
        using Routilux;

        namespace Demo;

        [Routine]
        public partial class Modifiers
        {
            [Emits] private partial void Secret(string? value);
            [Emits] internal partial ValueTask Inside(int @event);
            [Emits(Name = "renamed")] protected internal partial void Original(params int[] values);
            [Emits] partial void Implicit();
        }
        """);

    /// <summary>The example of the generator's contract, slots and emits together.</summary>
    [Fact]
    public void Tokenizer() => GeneratedSource.Verify("""
        using System.Threading;
        using System.Threading.Tasks;
        using Routilux;

        namespace Demo;

        /// <summary>Splits lines into words.</summary>
        [Routine]
        public partial class Tokenizer
        {
            /// <summary>A line of text.</summary>
            [Slot] public void Text(string line) { foreach (var w in line.Split(' ')) Word(w); }
            [Slot(Name = "pair", Optional = true, Capacity = 8)] public async ValueTask Add(int a, int b, CancellationToken ct) { await Pair(a, b); }
            [Slot] public Task Tick(RoutineContext context) => Task.CompletedTask;
            [Slot] public void Both(string s, CancellationToken ct, RoutineContext ctx) { }
            [Emits] public partial void Word(string word);
            [Emits] public partial ValueTask Pair(int a, int b);
            [Emits] public partial void Done();
        }
        """);
}
