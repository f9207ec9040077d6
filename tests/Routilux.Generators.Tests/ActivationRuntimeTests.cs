using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Routilux.Generators.Tests.Infrastructure;
using Xunit;

namespace Routilux.Generators.Tests;

/// <summary>
/// Generated batch and join slots run for real: the descriptor's activation reaches the runtime, the dispatch reads
/// the batch list and the join's messages from the right slots, and invalid literals are reported by Build.
/// </summary>
public sealed class ActivationRuntimeTests
{
    private const string Program = """
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Routilux;

        namespace E2E.Activation;

        [Routine]
        public partial class Source
        {
            [Slot] public async ValueTask Start(int count)
            {
                for (var i = 0; i < count; i++) Item(i);
                Order("a");
                Order("b");
                await Payment(1);
                await Payment(2);
            }

            [Emits] public partial void Item(int item);
            [Emits] public partial void Order(string id);
            [Emits] public partial ValueTask Payment(int amount);
        }

        [Routine]
        public partial class Sink
        {
            public static readonly ConcurrentQueue<string> Seen = new();

            [Slot, Batch(3)] public void Items(IReadOnlyList<int> items) => Seen.Enqueue("batch " + string.Join("+", items));

            [Join] public void Match(string order, RoutineContext context, int payment) => Seen.Enqueue("join " + order + "=" + payment);
        }

        [Routine]
        public partial class Odd
        {
            [Slot(Optional = true), Batch(0)] public void Items(IReadOnlyList<int> items) { }
        }

        public static class Program
        {
            public static async Task<string> RunAsync()
            {
                var flow = new FlowBuilder("activation");
                var source = flow.Add<Source>("source");
                var sink = flow.Add<Sink>("sink");
                flow.Connect(source.Item(), sink.Items());
                flow.Connect(source.Order(), sink.Order());
                flow.Connect(source.Payment(), sink.Payment());
                flow.Entry(source.Start());
                await using var runtime = new Runtime();
                var worker = runtime.CreateWorker(flow.Build());
                var job = await worker.StartAsync(source.Start(), 7);
                var status = await job.Completion.WaitAsync(System.TimeSpan.FromSeconds(30));
                return status + " " + string.Join(",", Sink.Seen);
            }

            public static string BuildInvalid()
            {
                var flow = new FlowBuilder("odd");
                var source = flow.Add<Source>("source");
                flow.Add<Odd>("odd");
                flow.Entry(source.Start());
                try
                {
                    flow.Build();
                    return "built";
                }
                catch (FlowValidationException ex)
                {
                    return ex.Message;
                }
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(CompileAndLoad);

    [Fact]
    public async Task BatchAndJoinSlotsRun()
    {
        var run = Compiled.Value.GetType("E2E.Activation.Program")!.GetMethod("RunAsync")!;

        var result = await (Task<string>)run.Invoke(null, null)!;

        // Seven items in batches of three, the last one partial when the job has nothing else to do; the join
        // pairs orders and payments in arrival order.
        var (status, seen) = (result.Split(' ', 2)[0], result.Split(' ', 2)[1].Split(','));
        Assert.Equal("Completed", status);
        Assert.Equal(new[] { "batch 0+1+2", "batch 3+4+5", "batch 6" }, seen.Where(s => s.StartsWith("batch", StringComparison.Ordinal)));
        Assert.Equal(new[] { "join a=1", "join b=2" }, seen.Where(s => s.StartsWith("join", StringComparison.Ordinal)));
    }

    [Fact]
    public void InvalidBatchSizeIsReportedWhenTheFlowIsBuilt()
    {
        var build = Compiled.Value.GetType("E2E.Activation.Program")!.GetMethod("BuildInvalid")!;

        var message = (string)build.Invoke(null, null)!;

        Assert.Contains("Slot 'odd.Items' of routine 'odd' (Odd) has a batch size of 0", message, StringComparison.Ordinal);
    }

    private static Assembly CompileAndLoad()
    {
        var (result, output) = GeneratorHarness.Run(GeneratorHarness.Compile(Program).WithAssemblyName("Routilux.E2E.Activation"));
        Assert.Null(result.Exception);

        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));

        // Its own load context, falling back to the default one, so it binds to the Routilux the tests loaded.
        image.Position = 0;
        return new AssemblyLoadContext("Routilux.E2E.Activation").LoadFromStream(image);
    }
}
