using System.Diagnostics;
using Routilux.Benchmarks.Peers;

namespace Routilux.Benchmarks.Scenarios;

/// <summary>
/// The streaming chain beside an unrelated CPU-bound workload on the same thread pool. Per round: the workload alone;
/// each stream alone; then each stream while the workload runs, measured over exactly the stream's runs. Reports the
/// stream's ns/hop and the workload's chunks per second in each, and their shares of what each does alone: a stream
/// that waits for work by spinning takes a core from the workload without doing more itself.
/// </summary>
public static class ColocatedScenario
{
    /// <summary>Runs the scenario and fills a report.</summary>
    public static ScenarioReport Run(ScenarioSettings settings)
    {
        var chunkTarget = TimeSpan.FromMicroseconds(75);
        var iterations = CpuWorkload.Calibrate(chunkTarget);
        var chunk = CpuWorkload.Measure(iterations);
        var items = Environment.ProcessorCount;
        var workload = new CpuWorkload(items, iterations);
        Console.WriteLine($"// colocated: chunk of {iterations:N0} xorshift steps = {chunk.TotalMicroseconds:0.#} µs; {items} work items; " +
                          $"{settings.Rounds} round(s) of {settings.Window.TotalSeconds:0.#} s windows");

        IStream[] streams = [new RoutiluxStream(), new DataflowStream()];
        var alone = new List<double>();
        var streamAlone = streams.ToDictionary(s => s.Name, _ => new List<double>());
        var streamBeside = streams.ToDictionary(s => s.Name, _ => new List<double>());
        var workloadBeside = streams.ToDictionary(s => s.Name, _ => new List<double>());
        var measurements = new List<Dictionary<string, object?>>();
        try
        {
            foreach (var stream in streams)
            {
                stream.RunOnce(); // JIT and first-touch, outside every measurement
            }

            for (var round = 1; round <= settings.Rounds; round++)
            {
                var chunksPerSecond = WorkloadAlone(workload, settings);
                alone.Add(chunksPerSecond);
                Console.WriteLine($"// round {round}: workload alone {chunksPerSecond:N0} chunks/s");
                foreach (var stream in streams)
                {
                    var nsPerHop = StreamAlone(stream, settings);
                    streamAlone[stream.Name].Add(nsPerHop);
                    var (besideNs, besideChunks) = StreamBesideWorkload(stream, workload, settings);
                    streamBeside[stream.Name].Add(besideNs);
                    workloadBeside[stream.Name].Add(besideChunks);
                    Console.WriteLine($"// round {round}: {stream.Name} alone {nsPerHop:0.0} ns/hop; beside the workload " +
                                      $"{besideNs:0.0} ns/hop, workload {besideChunks:N0} chunks/s");
                    measurements.Add(new()
                    {
                        ["round"] = round,
                        ["stream"] = stream.Name,
                        ["workloadAloneChunksPerSecond"] = chunksPerSecond,
                        ["streamAloneNsPerHop"] = nsPerHop,
                        ["streamBesideNsPerHop"] = besideNs,
                        ["workloadBesideChunksPerSecond"] = besideChunks,
                    });
                }
            }
        }
        finally
        {
            foreach (var stream in streams)
            {
                stream.Dispose();
            }
        }

        var report = new ScenarioReport("colocated", "Co-located: the 10-stage stream beside a CPU-bound workload on the same thread pool",
            "Stream", "Stream alone", "Stream beside workload", "Stream share", "Workload beside stream", "Workload share", "Sum of shares");
        var aloneMedian = Median(alone);
        report.AddRow("(none: workload alone)", "–", "–", "–", $"{aloneMedian:N0} chunks/s", "1.00", "–");
        var shares = new Dictionary<string, double>();
        foreach (var stream in streams)
        {
            var nsAlone = Median(streamAlone[stream.Name]);
            var nsBeside = Median(streamBeside[stream.Name]);
            var chunks = Median(workloadBeside[stream.Name]);
            var streamShare = nsAlone / nsBeside;
            var workloadShare = chunks / aloneMedian;
            shares[stream.Name] = workloadShare;
            report.AddRow(stream.Name, $"{nsAlone:0.0} ns/hop", $"{nsBeside:0.0} ns/hop", $"{streamShare:0.00}", $"{chunks:N0} chunks/s",
                $"{workloadShare:0.00}", $"{streamShare + workloadShare:0.00}");
        }

        var routilux = shares[RoutiluxStream.Label];
        var dataflow = shares[DataflowStream.Label];
        var routiluxNs = Median(streamBeside[RoutiluxStream.Label]);
        var dataflowNs = Median(streamBeside[DataflowStream.Label]);
        report.AddReading($"Workload throughput beside Routilux ÷ beside Dataflow: **{routilux / dataflow:0.00}** " +
                          $"({Median(workloadBeside[RoutiluxStream.Label]):N0} ÷ {Median(workloadBeside[DataflowStream.Label]):N0} chunks/s); " +
                          "above 1 means Routilux's stream leaves the workload more of the machine than Dataflow's does.");
        report.AddReading($"Workload share beside Routilux: **{routilux:0.00}** of its throughput alone, against a fair share of about " +
                          $"{1.0 / 2:0.00} (two parties busy on {Environment.ProcessorCount} cores); beside Dataflow {dataflow:0.00}.");
        report.AddReading($"Stream under load, Routilux ÷ Dataflow: {routiluxNs / dataflowNs:0.00}× the ns/hop " +
                          $"({routiluxNs:0.0} against {dataflowNs:0.0} ns/hop).");
        var coresUsed = aloneMedian * chunk.TotalSeconds;
        report.AddReading($"Check of the machine: the workload alone ran {coresUsed:0.00} of {items} cores' worth of chunks " +
                          $"(chunks/s × {chunk.TotalMicroseconds:0} µs); well under {items} means something else was using the " +
                          "machine, and the shares above are not worth reading.");
        report.Note = "Stream share = ns/hop alone ÷ ns/hop beside the workload; workload share = chunks/s beside the stream ÷ " +
                      "chunks/s alone; their sum is how much of the two parties' work got done together (1.00: the machine was " +
                      "shared without loss; under 1: cores went to waiting, e.g. threads spinning for work). Medians over the rounds. " +
                      $"The workload: {items} thread-pool work items, each computing chunks of {iterations:N0} xorshift steps " +
                      $"({chunk.TotalMicroseconds:0} µs alone) and queueing itself again. Both streams are driven from a pool thread " +
                      "and check their sum after every run.";
        report.Parameters["rounds"] = settings.Rounds;
        report.Parameters["window s"] = settings.Window.TotalSeconds;
        report.Parameters["messages per stream run"] = StreamingBenchmarks.Messages;
        report.Parameters["work items"] = items;
        report.Parameters["chunk µs"] = Math.Round(chunk.TotalMicroseconds, 1);
        report.Parameters["chunk iterations"] = iterations;
        measurements.ForEach(report.AddMeasurement);
        return report;
    }

    private static double WorkloadAlone(CpuWorkload workload, ScenarioSettings settings)
    {
        workload.Start();
        Thread.Sleep(settings.WarmUp);
        var before = workload.Chunks;
        var start = Stopwatch.GetTimestamp();
        Thread.Sleep(settings.Window);
        var chunks = workload.Chunks - before;
        var elapsed = Stopwatch.GetElapsedTime(start);
        workload.Stop();
        return chunks / elapsed.TotalSeconds;
    }

    private static double StreamAlone(IStream stream, ScenarioSettings settings)
    {
        var (elapsed, runs) = RunFor(stream, settings.Window / 2);
        return elapsed.TotalNanoseconds / (runs * (double)StreamingBenchmarks.Hops);
    }

    private static (double NsPerHop, double ChunksPerSecond) StreamBesideWorkload(IStream stream, CpuWorkload workload, ScenarioSettings settings)
    {
        workload.Start();
        try
        {
            Thread.Sleep(settings.WarmUp);
            var before = workload.Chunks;
            var (elapsed, runs) = RunFor(stream, settings.Window);
            var chunks = workload.Chunks - before;
            return (elapsed.TotalNanoseconds / (runs * (double)StreamingBenchmarks.Hops), chunks / elapsed.TotalSeconds);
        }
        finally
        {
            workload.Stop();
        }
    }

    // Whole stream runs, back to back, until the window has passed (at least two): both parties are measured over
    // exactly the same interval.
    private static (TimeSpan Elapsed, int Runs) RunFor(IStream stream, TimeSpan window)
    {
        var start = Stopwatch.GetTimestamp();
        var runs = 0;
        TimeSpan elapsed;
        do
        {
            stream.RunOnce();
            runs++;
            elapsed = Stopwatch.GetElapsedTime(start);
        }
        while (elapsed < window || runs < 2);

        return (elapsed, runs);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private interface IStream : IDisposable
    {
        string Name { get; }

        /// <summary>Sends the million messages through the chain, from a pool thread, and checks the sink's sum.</summary>
        void RunOnce();
    }

    /// <summary>The streaming benchmark's Routilux worker: a Source emitting 1M ints into the 10-stage chain, default options.</summary>
    private sealed class RoutiluxStream : IStream
    {
        public const string Label = "Routilux";
        private static readonly long ExpectedSum = Shape.ChainSum(StreamingBenchmarks.Messages);
        private readonly Runtime _runtime = new();
        private readonly Worker _worker;
        private readonly SlotPort<int> _start;
        private readonly SumStage _sink;

        public RoutiluxStream()
        {
            var (flow, entry) = Flows.Chain("colocated", withSource: true);
            _worker = _runtime.CreateWorker(flow);
            _start = entry;
            _sink = (SumStage)_worker.GetRoutine(Flows.LastStage);
        }

        public string Name => Label;

        public void RunOnce() => Task.Run(RunAsync).GetAwaiter().GetResult();

        private async Task RunAsync()
        {
            _sink.Reset();
            var job = await _worker.StartAsync(_start, StreamingBenchmarks.Messages);
            Shape.Check(await job.Completion, job, "Colocated.Routilux");
            Shape.Check(ExpectedSum, _sink.Sum, "Colocated.Routilux sum");
        }

        public void Dispose() => _runtime.Dispose();
    }

    /// <summary>The streaming benchmark's baseline: TPL Dataflow's unbounded 10-block chain, Post from a pool thread.</summary>
    private sealed class DataflowStream : IStream
    {
        public const string Label = "TPL Dataflow (unbounded)";
        private static readonly long ExpectedSum = Shape.ChainSum(StreamingBenchmarks.Messages);
        private readonly DataflowChain _chain = new(boundedCapacity: null);

        public string Name => Label;

        public void RunOnce()
        {
            var sum = Task.Run(() => _chain.RunAsync(StreamingBenchmarks.Messages)).GetAwaiter().GetResult();
            Shape.Check(ExpectedSum, sum, "Colocated.Dataflow sum");
        }

        public void Dispose() => _chain.CloseAsync().GetAwaiter().GetResult();
    }
}
