using DurableCounter;
using Routilux;
using Routilux.Sqlite;

// A flow whose whole progress is saved state: kill this program (Ctrl+C, or kill -9 from another terminal) and run
// it again, and it resumes from its last checkpoint in durable-counter.db. Run it with --reset to start over.
const string WorkerId = "durable-counter";
const long Count = 5_000;

var flow = new FlowBuilder("durable-counter");
var source = flow.Add<NumberSource>("source");
var totals = flow.Add<Totals>("totals");
flow.Connect(source.Number(), totals.Number());
flow.Connect(source.Step(), source.Continue());
flow.Entry(source.Start());
var built = flow.Build();

var path = Path.GetFullPath(args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "durable-counter.db");
if (args.Contains("--reset") && File.Exists(path))
{
    File.Delete(path);
}

await using var store = new SqliteWorkerStore(path);
await using var runtime = new Runtime();
var options = new WorkerOptions { Id = WorkerId, Store = store, CheckpointInterval = TimeSpan.FromSeconds(1) };

Worker worker;
Job? job;
if ((await store.ListWorkersAsync()).Contains(WorkerId))
{
    worker = await runtime.ResumeWorkerAsync(store, WorkerId, built, options);
    job = worker.ActiveJobs.FirstOrDefault();

    // A checkpoint keeps a pause (this program pauses before its last checkpoint on Ctrl+C), so carry on.
    if (worker.IsPaused)
    {
        worker.Resume();
    }

    Console.WriteLine($"Resumed worker '{WorkerId}' from {path}: {worker.GetRoutine<Totals>("totals").Count:N0} numbers counted before.");
}
else
{
    worker = runtime.CreateWorker(built, options);
    job = await worker.StartAsync(source.Start(), Count);
    Console.WriteLine($"Started worker '{WorkerId}' counting 1 to {Count:N0}, checkpointing to {path} every second.");
}

Console.WriteLine("Kill it at any time (Ctrl+C, or kill -9) and run it again to see it resume.");
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true; // let the program save a last checkpoint and close the database cleanly
    stop.Cancel();
};

var counted = worker.GetRoutine<Totals>("totals");
while (job is not null && !job.Completion.IsCompleted && !stop.IsCancellationRequested)
{
    await Task.WhenAny(job.Completion, Task.Delay(500, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default));
    Console.WriteLine($"  {counted.Count,6:N0} counted, checkpoint {worker.LastCheckpointSequence}");
}

if (stop.IsCancellationRequested)
{
    // Paused first, so the count printed is the one saved: a checkpoint does not stop the worker by itself.
    worker.Pause("Stopped with Ctrl+C.");
    var checkpoint = await worker.CheckpointAsync();
    Console.WriteLine($"Stopped. Saved checkpoint {checkpoint.Sequence} at {counted.Count:N0} numbers; run again to resume.");
    return 0;
}

var expected = Count * (Count + 1) / 2;
Console.WriteLine($"Done: {counted.Count:N0} numbers, sum {counted.Sum:N0} (expected {expected:N0}), {counted.OutOfOrder} out of order.");
await store.DeleteWorkerAsync(WorkerId); // the next run starts over
return counted.Sum == expected && counted.OutOfOrder == 0 ? 0 : 1;
