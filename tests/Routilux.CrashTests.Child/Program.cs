using Routilux;
using Routilux.CrashTests.Child;
using Routilux.Sqlite;

// Usage: Routilux.CrashTests.Child <database> <total> <chunk> <pause-ms-per-chunk> <checkpoint-after-runs>
// Runs a numbered stream through a stateful flow on a SQLite store with automatic checkpoints. When the store has the
// worker, resumes it from its last checkpoint; otherwise starts the stream. Prints "ready ..." once running and
// "final ..." with the routines' state when the stream is done. tests/Routilux.CrashTests kills it at random moments.
const string WorkerId = "crash";
var database = args[0];
var total = long.Parse(args[1], CultureInfo.InvariantCulture);
var chunk = int.Parse(args[2], CultureInfo.InvariantCulture);
var pause = TimeSpan.FromMilliseconds(int.Parse(args[3], CultureInfo.InvariantCulture));
var checkpointAfterRuns = int.Parse(args[4], CultureInfo.InvariantCulture);

var builder = new FlowBuilder("numbered-stream");
var source = builder.Add("source", () => new NumberSource(chunk, pause));
var accumulator = builder.Add<Accumulator>("accumulator");
builder.Connect(source.More(), source.Continue());
builder.Connect(source.Number(), accumulator.Number());
builder.Entry(source.Start());
var flow = builder.Build();

await using var store = new SqliteWorkerStore(database);
await using var runtime = new Runtime();
var options = new WorkerOptions { Id = WorkerId, Store = store, CheckpointAfterRuns = checkpointAfterRuns };

Worker worker;
if (await store.LoadLatestCheckpointAsync(WorkerId) is { } checkpoint)
{
    worker = await runtime.ResumeWorkerAsync(store, WorkerId, flow, options);
    Console.WriteLine($"ready resumed from checkpoint {checkpoint.Sequence}");
}
else
{
    worker = runtime.CreateWorker(flow, options);
    await worker.StartAsync(source.Start(), total);
    Console.WriteLine("ready fresh");
}

await worker.WhenIdleAsync();

// One last checkpoint, so a run started after this one finds the stream done.
await worker.CheckpointAsync();
var state = worker.GetRoutine<Accumulator>("accumulator").Describe(worker.GetRoutine<NumberSource>("source"));
Console.WriteLine($"final {state}");
return 0;
