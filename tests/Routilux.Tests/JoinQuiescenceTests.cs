using System.Collections.Concurrent;
using Routilux.Tests.Routines;

namespace Routilux.Tests;

/// <summary>
/// A join gives up on a partner only when none can come any more (issue 17, bug 1): partners still in a batch
/// upstream are flushed and delivered first, so the join runs and nothing is dropped.
/// </summary>
public class JoinQuiescenceTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public async Task A_join_waits_for_partners_in_an_upstream_partial_batch(int jobs)
    {
        var pairs = new ConcurrentQueue<string>();
        var flow = new FlowBuilder("fork-batch-join");
        var fork = flow.Add<Fork>("fork");
        var batcher = flow.Add<WordBatcher>("batcher");
        var pairer = flow.Add("pairer", () => new Pairer(pairs));
        flow.Connect(fork.A(), pairer.Left());
        flow.Connect(fork.B(), batcher.In());
        flow.Connect(batcher.Out(), pairer.Right());
        flow.Entry(fork.In());
        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow.Build());

        // Many rounds: the bug was a race between the batch's flush and the join's give-up, won by either side.
        for (var round = 0; round < 50; round++)
        {
            var started = new List<Job>();
            for (var i = 0; i < jobs; i++)
            {
                started.Add(await worker.StartAsync(fork.In(), round * 100 + i));
            }

            foreach (var job in started)
            {
                Assert.Equal(JobStatus.Completed, await job.Completion.Within());
                Assert.Equal(0, job.DroppedMessages);
            }
        }

        Assert.Equal(50 * jobs, pairs.Count);
        Assert.All(pairs, pair => Assert.Equal(pair[..(pair.Length / 2)], pair[(pair.Length / 2)..]));
    }
}
