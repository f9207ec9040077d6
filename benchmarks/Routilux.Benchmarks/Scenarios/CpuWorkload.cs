using System.Diagnostics;

namespace Routilux.Benchmarks.Scenarios;

/// <summary>
/// An unrelated CPU-bound workload on the shared thread pool, as a web server's requests would be: a number of work
/// items that each compute one fixed chunk (an xorshift loop, no memory traffic), count it, and queue themselves again
/// on the pool's global queue, until stopped. Its throughput is chunks per second.
/// </summary>
public sealed class CpuWorkload
{
    private readonly Item[] _items;
    private readonly int _iterations;
    private readonly ulong _expected;
    private long _chunks;
    private volatile bool _stopping;
    private CountdownEvent? _stopped;

    /// <summary>Prepares <paramref name="items"/> work items computing chunks of <paramref name="iterations"/> steps.</summary>
    public CpuWorkload(int items, int iterations)
    {
        _iterations = iterations;
        _expected = Chunk(iterations);
        _items = new Item[items];
        for (var i = 0; i < items; i++)
        {
            _items[i] = new Item(this);
        }
    }

    /// <summary>Chunks computed since the workload was created.</summary>
    public long Chunks => Interlocked.Read(ref _chunks);

    /// <summary>Queues every work item; each keeps computing chunks until <see cref="Stop"/>.</summary>
    public void Start()
    {
        _stopping = false;
        _stopped = new CountdownEvent(_items.Length);
        foreach (var item in _items)
        {
            ThreadPool.UnsafeQueueUserWorkItem(item, preferLocal: false);
        }
    }

    /// <summary>Stops the work items and waits until none runs any more.</summary>
    public void Stop()
    {
        _stopping = true;
        if (!_stopped!.Wait(TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException("The CPU workload's work items did not stop within 30 s: the thread pool is starved.");
        }

        _stopped.Dispose();
        _stopped = null;
    }

    /// <summary>
    /// Finds the iteration count for which one chunk takes about <paramref name="target"/> on this machine (median of
    /// several timings on the calling thread), so the chunk size is fixed for the whole run.
    /// </summary>
    public static int Calibrate(TimeSpan target)
    {
        var iterations = 10_000;
        Chunk(iterations); // JIT
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var elapsed = MedianTicks(iterations);
            var scaled = (int)Math.Clamp(iterations * (target.Ticks / (double)elapsed), 1_000, 100_000_000);
            if (Math.Abs(scaled - iterations) < iterations / 50)
            {
                break;
            }

            iterations = scaled;
        }

        return iterations;
    }

    /// <summary>The median time of one chunk of <paramref name="iterations"/> on the calling thread.</summary>
    public static TimeSpan Measure(int iterations) => TimeSpan.FromTicks(MedianTicks(iterations));

    private static long MedianTicks(int iterations)
    {
        var timings = new long[101];
        for (var i = 0; i < timings.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            Chunk(iterations);
            timings[i] = Stopwatch.GetElapsedTime(start).Ticks;
        }

        Array.Sort(timings);
        return Math.Max(1, timings[timings.Length / 2]);
    }

    /// <summary>One chunk: <paramref name="iterations"/> dependent xorshift steps from a fixed seed.</summary>
    public static ulong Chunk(int iterations)
    {
        var x = 0x9E3779B97F4A7C15UL;
        for (var i = 0; i < iterations; i++)
        {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
        }

        return x;
    }

    private void RunChunk(Item item)
    {
        if (_stopping)
        {
            _stopped!.Signal();
            return;
        }

        // Checked every time (it costs nothing next to the chunk): a wrong value means the loop was optimised away
        // or broken, and the throughput would be meaningless.
        if (Chunk(_iterations) != _expected)
        {
            throw new InvalidOperationException("Result check failed: the CPU workload's chunk computed a different value.");
        }

        Interlocked.Increment(ref _chunks);
        ThreadPool.UnsafeQueueUserWorkItem(item, preferLocal: false);
    }

    private sealed class Item(CpuWorkload owner) : IThreadPoolWorkItem
    {
        public void Execute() => owner.RunChunk(this);
    }
}
