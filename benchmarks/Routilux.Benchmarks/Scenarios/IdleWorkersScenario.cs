using System.Diagnostics;
using Routilux.Benchmarks.Peers;

namespace Routilux.Benchmarks.Scenarios;

/// <summary>
/// Many mostly idle workers: 1,000 small chains, each receiving one message per second (a feeder thread posts 1,000
/// messages a second round robin, evenly spread), measured as process CPU time per second of wall time over a window
/// after warm-up. Beside Routilux: TPL Dataflow's 1,000 block chains fed the same way, and the feeder alone (the
/// baseline). An idle runtime should cost about what the baseline costs plus a few microseconds per message.
/// </summary>
public static class IdleWorkersScenario
{
    /// <summary>Workers (chains) in every configuration.</summary>
    public const int Workers = 1000;

    /// <summary>Messages per second over all workers: one per worker per second.</summary>
    public const int Rate = Workers;

    /// <summary>Runs the scenario and fills a report.</summary>
    public static ScenarioReport Run(ScenarioSettings settings)
    {
        Func<ITarget>[] configurations =
        [
            () => new Baseline(),
            () => new PoolFloor(),
            () => new RoutiluxOpenJobs(),
            () => new RoutiluxJobPerMessage(),
            () => new DataflowChains(),
        ];
        Console.WriteLine($"// idle-workers: {Workers} workers, {Rate} messages/s in all; {settings.Rounds} round(s) of " +
                          $"{settings.WarmUp.TotalSeconds:0.#} s warm-up + {settings.Window.TotalSeconds:0.#} s measured");
        var results = new Dictionary<string, List<Sample>>();
        var measurements = new List<Dictionary<string, object?>>();
        for (var round = 1; round <= settings.Rounds; round++)
        {
            foreach (var create in configurations)
            {
                var sample = Measure(create, settings, out var name);
                (results.TryGetValue(name, out var list) ? list : results[name] = []).Add(sample);
                Console.WriteLine($"// round {round}: {name}: {sample.CpuMsPerSecond:0.0} ms CPU/s, {sample.MessagesPerSecond:0} msg/s, " +
                                  $"{sample.WorkItemsPerSecond:0} pool work items/s, {sample.PoolThreads} pool threads");
                measurements.Add(new()
                {
                    ["round"] = round,
                    ["configuration"] = name,
                    ["cpuMsPerSecond"] = sample.CpuMsPerSecond,
                    ["messagesPerSecond"] = sample.MessagesPerSecond,
                    ["poolWorkItemsPerSecond"] = sample.WorkItemsPerSecond,
                    ["poolThreads"] = sample.PoolThreads,
                });
            }
        }

        var report = new ScenarioReport("idle-workers", $"Idle workers: {Workers:N0} small chains, one message per chain per second",
            "Configuration", "CPU ms/s", "% of one core", "vs baseline", "Above baseline per message", "Pool work items/s", "Pool threads");
        var baseline = Median(results[Baseline.Label], s => s.CpuMsPerSecond);
        foreach (var (name, samples) in results)
        {
            var cpu = Median(samples, s => s.CpuMsPerSecond);
            var messages = Median(samples, s => s.MessagesPerSecond);
            var perMessage = name == Baseline.Label || messages == 0 ? "–" : $"{(cpu - baseline) / messages * 1000:0.0} µs";
            report.AddRow(name, $"{cpu:0.0}", $"{cpu / 10:0.00} %", $"{cpu / baseline:0.00}×", perMessage,
                $"{Median(samples, s => s.WorkItemsPerSecond):N0}", $"{Median(samples, s => s.PoolThreads):0}");
        }

        var floor = Median(results[PoolFloor.Label], s => s.CpuMsPerSecond);
        var open = Median(results[RoutiluxOpenJobs.Label], s => s.CpuMsPerSecond);
        var perMessageJobs = Median(results[RoutiluxJobPerMessage.Label], s => s.CpuMsPerSecond);
        var dataflow = Median(results[DataflowChains.Label], s => s.CpuMsPerSecond);
        report.AddReading($"CPU of Routilux's idle workers above the baseline: **{open - baseline:0.0} ms/s** with an open job per worker, " +
                          $"{perMessageJobs - baseline:0.0} ms/s with a job per message (TPL Dataflow: {dataflow - baseline:0.0} ms/s); " +
                          "1,000 ms/s is one core. The figure that matters: how close this is to the baseline, " +
                          $"i.e. no more than the work of {Rate:N0} messages a second.");
        report.AddReading($"Routilux ÷ the pool floor (the least any library on the thread pool pays to be woken {Rate:N0} times a second): " +
                          $"**{open / floor:0.00}** (open job per worker), {perMessageJobs / floor:0.00} (job per message); " +
                          $"TPL Dataflow {dataflow / floor:0.00}.");
        report.AddReading($"Routilux ÷ TPL Dataflow, process CPU: **{open / dataflow:0.00}** (open job per worker), " +
                          $"{perMessageJobs / dataflow:0.00} (job per message).");
        report.Note = "CPU ms/s: process CPU time (Process.TotalProcessorTime, all threads) per second of wall time over the " +
                      "window, median over the rounds; the baseline is the feeder thread alone (it wakes every millisecond and " +
                      "posts what is due, so each chain gets one message a second, spread evenly); the pool floor adds an empty " +
                      "thread-pool work item per message. Each configuration is built, " +
                      "warmed up, measured, then drained and checked (every chain's sink must have received exactly the messages " +
                      "posted to it, with the right sum), and torn down before the next. Routilux: 1,000 workers of a 3-routine " +
                      "chain (Stage → Stage → SumStage, default options), fed by Job.PostAsync into one open job per worker, or " +
                      "by Worker.Start, a job per message. TPL Dataflow: 1,000 chains of TransformBlock → TransformBlock → " +
                      "ActionBlock, unbounded, fed by Post.";
        report.Parameters["rounds"] = settings.Rounds;
        report.Parameters["warm-up s"] = settings.WarmUp.TotalSeconds;
        report.Parameters["window s"] = settings.Window.TotalSeconds;
        report.Parameters["workers"] = Workers;
        report.Parameters["messages/s"] = Rate;
        measurements.ForEach(report.AddMeasurement);
        return report;
    }

    private static Sample Measure(Func<ITarget> create, ScenarioSettings settings, out string name)
    {
        var target = create();
        name = target.Name;
        try
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var feeder = new Feeder(target);
            feeder.Start();
            Thread.Sleep(settings.WarmUp);
            var cpuBefore = ProcessCpu();
            var sentBefore = feeder.Sent;
            var itemsBefore = ThreadPool.CompletedWorkItemCount;
            var start = Stopwatch.GetTimestamp();
            Thread.Sleep(settings.Window);
            var cpu = ProcessCpu() - cpuBefore;
            var items = ThreadPool.CompletedWorkItemCount - itemsBefore;
            var sent = feeder.Sent - sentBefore;
            var wall = Stopwatch.GetElapsedTime(start);
            var threads = ThreadPool.ThreadCount;
            feeder.Stop();
            target.DrainAndCheck(feeder);
            return new Sample(cpu.TotalMilliseconds / wall.TotalSeconds, sent / wall.TotalSeconds, items / wall.TotalSeconds, threads);
        }
        finally
        {
            target.Dispose();
        }
    }

    private static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static double Median(List<Sample> samples, Func<Sample, double> value)
    {
        var sorted = samples.Select(value).Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private readonly record struct Sample(double CpuMsPerSecond, double MessagesPerSecond, double WorkItemsPerSecond, int PoolThreads);

    /// <summary>One configuration: where the feeder's messages go, and how the result is checked.</summary>
    private interface ITarget : IDisposable
    {
        string Name { get; }

        /// <summary>Sends <paramref name="value"/> to chain <paramref name="chain"/>; called on the feeder thread only.</summary>
        void Post(int chain, int value);

        /// <summary>Waits until everything posted was handled, and throws unless every chain got what was posted to it.</summary>
        void DrainAndCheck(Feeder feeder);
    }

    /// <summary>
    /// Posts <see cref="Rate"/> messages a second round robin from its own thread: it wakes every millisecond and posts
    /// every message due by then (so the rate holds whatever the timer's jitter), and remembers what each chain should
    /// end with.
    /// </summary>
    private sealed class Feeder(ITarget target)
    {
        private readonly long[] _expectedSum = new long[Workers];
        private readonly long[] _expectedCount = new long[Workers];
        private Thread? _running;
        private volatile bool _stopping;
        private long _sent;

        public long Sent => Interlocked.Read(ref _sent);

        public long ExpectedSum(int chain) => _expectedSum[chain];

        public long ExpectedCount(int chain) => _expectedCount[chain];

        public void Start()
        {
            _running = new Thread(Loop) { IsBackground = true, Name = "idle-workers feeder" };
            _running.Start();
        }

        public void Stop()
        {
            _stopping = true;
            _running!.Join();
        }

        private void Loop()
        {
            var start = Stopwatch.GetTimestamp();
            long sent = 0;
            while (!_stopping)
            {
                var due = (long)(Stopwatch.GetElapsedTime(start).TotalSeconds * Rate);
                for (; sent < due; sent++)
                {
                    var chain = (int)(sent % Workers);
                    target.Post(chain, (int)sent);
                    _expectedSum[chain] += sent + Flows.SmallChainStages;
                    _expectedCount[chain]++;
                }

                Interlocked.Exchange(ref _sent, sent);
                Thread.Sleep(1);
            }
        }
    }

    /// <summary>The feeder alone: it computes and counts what is due but sends nothing.</summary>
    private sealed class Baseline : ITarget
    {
        public const string Label = "Baseline (the feeder alone)";

        public string Name => Label;

        public void Post(int chain, int value)
        {
        }

        public void DrainAndCheck(Feeder feeder)
        {
        }

        public void Dispose()
        {
        }
    }

    /// <summary>
    /// The thread pool's own floor: the feeder queues an empty work item per message. What waking a pool thread for
    /// each message costs, whoever's work it is (the pool's threads spin a while for more work before they sleep).
    /// </summary>
    private sealed class PoolFloor : ITarget
    {
        public const string Label = "Pool floor (an empty pool work item per message)";
        private readonly EmptyItem _item = new();

        public string Name => Label;

        public void Post(int chain, int value) => ThreadPool.UnsafeQueueUserWorkItem(_item, preferLocal: false);

        public void DrainAndCheck(Feeder feeder)
        {
            var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 10;
            while (_item.Runs < feeder.Sent && Stopwatch.GetTimestamp() < deadline)
            {
                Thread.Sleep(1);
            }

            Shape.Check(feeder.Sent, _item.Runs, "IdleWorkers.PoolFloor work items run");
        }

        public void Dispose()
        {
        }

        private sealed class EmptyItem : IThreadPoolWorkItem
        {
            private long _runs;

            public long Runs => Interlocked.Read(ref _runs);

            public void Execute() => Interlocked.Increment(ref _runs);
        }
    }

    /// <summary>Routilux workers of the small chain, shared by both ways of feeding them.</summary>
    private abstract class RoutiluxWorkers : ITarget
    {
        protected RoutiluxWorkers()
        {
            WorkerList = new Worker[Workers];
            Sinks = new SumStage[Workers];
            Entries = new SlotPort<int>[Workers];
            for (var i = 0; i < Workers; i++)
            {
                var (flow, entry) = Flows.SmallChain($"idle-{i}");
                WorkerList[i] = RoutiluxRuntime.CreateWorker(flow);
                Sinks[i] = (SumStage)WorkerList[i].GetRoutine(Flows.SmallChainSink);
                Entries[i] = entry;
            }
        }

        public abstract string Name { get; }

        protected Runtime RoutiluxRuntime { get; } = new();

        protected Worker[] WorkerList { get; }

        protected SumStage[] Sinks { get; }

        protected SlotPort<int>[] Entries { get; }

        public abstract void Post(int chain, int value);

        public void DrainAndCheck(Feeder feeder)
        {
            Drain();
            for (var i = 0; i < Workers; i++)
            {
                Shape.Check(feeder.ExpectedCount(i), Sinks[i].Count, $"IdleWorkers.{Name} count of worker {i}");
                Shape.Check(feeder.ExpectedSum(i), Sinks[i].Sum, $"IdleWorkers.{Name} sum of worker {i}");
                Shape.Check(0, WorkerList[i].JobsFailed + WorkerList[i].JobsCancelled, $"IdleWorkers.{Name} failed or cancelled jobs of worker {i}");
            }
        }

        protected abstract void Drain();

        public void Dispose() => RoutiluxRuntime.Dispose();
    }

    /// <summary>Routilux, one open job per worker fed by <see cref="Job.PostAsync{T}"/>: a long-lived stream per worker.</summary>
    private sealed class RoutiluxOpenJobs : RoutiluxWorkers
    {
        public const string Label = "Routilux, an open job per worker";
        private readonly Job[] _jobs;

        public RoutiluxOpenJobs() => _jobs = WorkerList.Select(w => w.OpenJob()).ToArray();

        public override string Name => Label;

        public override void Post(int chain, int value)
        {
            var posted = _jobs[chain].PostAsync(Entries[chain], value);
            if (!posted.IsCompletedSuccessfully)
            {
                posted.AsTask().GetAwaiter().GetResult();
            }
        }

        protected override void Drain()
        {
            foreach (var job in _jobs)
            {
                job.CompleteInput();
            }

            foreach (var job in _jobs)
            {
                Shape.Check(job.Completion.GetAwaiter().GetResult(), job, $"IdleWorkers.{Label}");
            }
        }
    }

    /// <summary>Routilux, a job per message started with <see cref="Worker.Start{T}"/>.</summary>
    private sealed class RoutiluxJobPerMessage : RoutiluxWorkers
    {
        public const string Label = "Routilux, a job per message";

        public override string Name => Label;

        public override void Post(int chain, int value) => WorkerList[chain].Start(Entries[chain], value);

        protected override void Drain()
        {
            foreach (var worker in WorkerList)
            {
                worker.WhenIdleAsync().GetAwaiter().GetResult();
            }
        }
    }

    /// <summary>TPL Dataflow: 1,000 unbounded three-block chains fed by Post.</summary>
    private sealed class DataflowChains : ITarget
    {
        public const string Label = "TPL Dataflow, 1,000 block chains";
        private readonly SmallDataflowChain[] _chains = Enumerable.Range(0, Workers).Select(_ => new SmallDataflowChain()).ToArray();

        public string Name => Label;

        public void Post(int chain, int value) => _chains[chain].Post(value);

        public void DrainAndCheck(Feeder feeder)
        {
            Task.WhenAll(_chains.Select(c => c.CloseAsync())).GetAwaiter().GetResult();
            for (var i = 0; i < Workers; i++)
            {
                Shape.Check(feeder.ExpectedCount(i), _chains[i].Count, $"IdleWorkers.Dataflow count of chain {i}");
                Shape.Check(feeder.ExpectedSum(i), _chains[i].Sum, $"IdleWorkers.Dataflow sum of chain {i}");
            }
        }

        public void Dispose()
        {
        }
    }
}
