using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Consumer;
using Routilux;

var flow = new FlowBuilder("consumer");
var splitter = flow.Add<Splitter>("splitter");
var shouter = flow.Add<Shouter>("shouter");
flow.Connect(splitter.Word(), shouter.Word());
flow.Entry(splitter.Text());

await using var runtime = new Runtime();
var worker = runtime.CreateWorker(flow.Build());
var job = await worker.StartAsync(splitter.Text(), "routilux from a package");
var status = await job.Completion;

var heard = worker.GetRoutine<Shouter>("shouter").Heard;
Console.WriteLine($"status: {status}");
Console.WriteLine($"heard: {string.Join(" ", heard)}");
Console.WriteLine($"catalog: {RoutineCatalog.Get("Splitter").Summary}");
Console.WriteLine($"runtime: {RuntimeInformation.FrameworkDescription}");
Console.WriteLine($"routilux: {typeof(FlowBuilder).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName}");
return status == JobStatus.Completed ? 0 : 1;

namespace Consumer
{
    /// <summary>Splits text into words.</summary>
    [Routine]
    public partial class Splitter
    {
        [Slot]
        public void Text(string text)
        {
            foreach (var word in text.Split(' '))
            {
                Word(word);
            }
        }

        [Emits]
        public partial void Word(string word);
    }

    [Routine]
    public partial class Shouter
    {
        public List<string> Heard { get; } = new();

        [Slot]
        public void Word(string word) => Heard.Add(word.ToUpperInvariant());
    }
}
