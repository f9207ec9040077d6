using System.Collections.Concurrent;
using Routilux.Tests.Routines;

namespace Routilux.Tests;

/// <summary>
/// a (adds one) -> b (records each value, and pauses the worker from its handler at 3) -> sink, with one job of the
/// ten values 0..9 queued while paused and then resumed: a passes b its outbox 1..10 as one batch, and b pauses
/// in the middle of it.
/// </summary>
internal sealed record PausingMidBatch(Worker Worker, Job Job, ConcurrentQueue<int> HandledByB, ConcurrentQueue<int> Received)
{
    public static async Task<PausingMidBatch> StartAsync(Runtime runtime, string flowId)
    {
        var handledByB = new ConcurrentQueue<int>();
        var received = new ConcurrentQueue<int>();
        Worker? worker = null;
        var flow = new FlowBuilder(flowId);
        var a = flow.Add<AddOne>("a");
        var b = flow.Add("b", () => new Hooked(value =>
        {
            handledByB.Enqueue(value);
            if (value == 3)
            {
                worker!.Pause("from a handler");
            }
        }));
        var sink = flow.Add("sink", () => new Sink<int>(received));
        flow.Connect(a.Out(), b.In());
        flow.Connect(b.Out(), sink.In());
        flow.Entry(a.In());
        worker = runtime.CreateWorker(flow.Build());
        worker.Pause();
        var job = await worker.PostJobAsync(a.In(), Enumerable.Range(0, 10));
        worker.Resume();
        return new PausingMidBatch(worker, job, handledByB, received);
    }
}
