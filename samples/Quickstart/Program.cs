using System.Diagnostics;
using Quickstart;
using Routilux;

// Wire the pipeline: file -> lines -> words -> filtered words -> counts.
var flow = new FlowBuilder("word-count");
var reader = flow.Add<LineReader>("reader");
var tokenizer = flow.Add<Tokenizer>("tokenizer");
var filter = flow.Add<StopWordFilter>("filter");
var counter = flow.Add<WordCounter>("counter");
flow.Connect(reader.Line(), tokenizer.Line());
flow.Connect(tokenizer.Word(), filter.Word());
flow.Connect(filter.Kept(), counter.Word());
flow.Entry(reader.File());

var path = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "data", "alice-chapter-1.txt");
if (!File.Exists(path))
{
    Console.Error.WriteLine($"No such file: {path}. Pass the path of a text file, or run without arguments for the bundled text.");
    return 1;
}

var clock = Stopwatch.StartNew();
var built = flow.Build();
var buildTime = clock.Elapsed;

await using var runtime = new Runtime();
var worker = runtime.CreateWorker(built);

clock.Restart();
var job = await worker.StartAsync(reader.File(), path);
var status = await job.Completion; // completes by itself once every word has been counted
var runTime = clock.Elapsed;

if (status != JobStatus.Completed)
{
    Console.Error.WriteLine($"The job ended {status}: {job.Error?.Message}");
    return 2;
}

var words = worker.GetRoutine<WordCounter>("counter");
Console.WriteLine($"Routilux quickstart: the 10 most frequent words of {Path.GetFileName(path)}");
Console.WriteLine();
var rank = 0;
foreach (var (word, count) in words.Top(10))
{
    Console.WriteLine($"{++rank,3}. {word,-14} {count,5}");
}

Console.WriteLine();
Console.WriteLine($"Counted {words.Total:N0} words through {built.Routines.Count} routines.");
Console.WriteLine($"Flow built in {buildTime.TotalMilliseconds:F2} ms; job {job.Id} {status} in {runTime.TotalMilliseconds:F1} ms.");
return 0;
