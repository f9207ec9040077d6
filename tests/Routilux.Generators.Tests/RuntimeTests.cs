using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Routilux.Generators.Tests.Infrastructure;
using Xunit;

namespace Routilux.Generators.Tests;

/// <summary>
/// Generated code runs for real: a flow of generated routines is built with typed ports, run on the runtime, and
/// its routines are registered in the catalog by the generated module initializer.
/// </summary>
public sealed class RuntimeTests
{
    private const string Program = """
        using System.Collections.Concurrent;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Routilux;

        namespace E2E;

        /// <summary>Splits a line.</summary>
        [Routine]
        public partial class Splitter
        {
            [Slot] public async ValueTask Text(string line)
            {
                var words = line.Split(' ');
                foreach (var word in words) Word(word);
                await Count(words.Length, line);
            }

            [Emits] public partial void Word(string word);
            [Emits] public partial ValueTask Count(int n, string line);
        }

        [Routine]
        public partial class Sink
        {
            public static readonly ConcurrentQueue<string> Seen = new();

            [Slot] public async Task Word(string word, CancellationToken ct) { await Task.Yield(); Seen.Enqueue(word); }
            [Slot] public void Count(int n, RoutineContext context, string line) => Seen.Enqueue(n + ":" + context.RoutineId + ":" + line);
        }

        public static class Program
        {
            public static async Task<string> RunAsync()
            {
                var flow = new FlowBuilder("e2e");
                var splitter = flow.Add<Splitter>("splitter");
                var sink = flow.Add<Sink>("sink");
                flow.Connect(splitter.Word(), sink.Word());
                flow.Connect(splitter.Count(), sink.Count());
                flow.Entry(splitter.Text());
                await using var runtime = new Runtime();
                var worker = runtime.CreateWorker(flow.Build());
                var job = await worker.StartAsync(splitter.Text(), "a b c");
                var status = await job.Completion.WaitAsync(System.TimeSpan.FromSeconds(30));
                return status + " " + string.Join(",", Sink.Seen.OrderBy(x => x, System.StringComparer.Ordinal));
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(CompileAndLoad);

    [Fact]
    public async Task FlowOfGeneratedRoutinesRuns()
    {
        var run = Compiled.Value.GetType("E2E.Program")!.GetMethod("RunAsync")!;

        var result = await (Task<string>)run.Invoke(null, null)!;

        Assert.Equal("Completed 3:sink:a b c,a,b,c", result);
    }

    [Fact]
    public void ModuleInitializerRegistersRoutinesInCatalog()
    {
        var assembly = Compiled.Value;
        RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);

        Assert.True(RoutineCatalog.TryGet("E2E.Splitter", out var splitter));
        Assert.Equal("Splitter", splitter!.Name);
        Assert.Equal("Splits a line.", splitter.Summary);
        Assert.Equal(typeof(string), splitter.Slots.Single().PayloadType);
        Assert.Equal(new[] { typeof(string), typeof((int, string)) }, splitter.Events.Select(e => e.PayloadType));
        Assert.True(splitter.CanCreateInstance);
        Assert.Equal(assembly.GetType("E2E.Splitter"), splitter.CreateInstance().GetType());
    }

    private static Assembly CompileAndLoad()
    {
        var (result, output) = GeneratorHarness.Run(GeneratorHarness.Compile(Program).WithAssemblyName("Routilux.E2E"));
        Assert.Null(result.Exception);

        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));

        // Its own load context, falling back to the default one, so it binds to the Routilux the tests loaded.
        image.Position = 0;
        return new AssemblyLoadContext("Routilux.E2E").LoadFromStream(image);
    }
}
