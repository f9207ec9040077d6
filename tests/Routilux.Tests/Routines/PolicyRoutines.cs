using System.Collections.Concurrent;
using Routilux;

namespace Routilux.Tests.Routines;

/// <summary>Counts handler runs across the instances a test creates.</summary>
public sealed class AttemptLog
{
    private int _attempts;

    public int Attempts => Volatile.Read(ref _attempts);

    public int Next() => Interlocked.Increment(ref _attempts);
}

/// <summary>Throws on its first <c>failures</c> runs, then passes the value on.</summary>
[Routine]
public partial class Flaky
{
    private readonly AttemptLog _log;
    private readonly int _failures;

    public Flaky(AttemptLog log, int failures)
    {
        _log = log;
        _failures = failures;
    }

    [Slot]
    public void In(int value)
    {
        if (_log.Next() <= _failures)
        {
            throw new TimeoutException($"flaky failure on {value}");
        }

        Out(value);
    }

    [Emits]
    public partial void Out(int value);
}

/// <summary>Emits its value, then throws: shows what Continue delivers and Skip does not.</summary>
[Routine]
public partial class EmitThenThrow
{
    [Slot]
    public void In(int value)
    {
        Out(value);
        if (value % 2 == 1)
        {
            throw new ArgumentException($"odd value {value}");
        }
    }

    [Emits]
    public partial void Out(int value);
}

/// <summary>Writes to the job's data bag and trace log.</summary>
[Routine]
public partial class Annotator
{
    [Slot]
    public void In(string text, RoutineContext context)
    {
        context.Data["seen"] = text;
        context.Trace($"annotated {text}");
        var queue = context.GetQueueState("In");
        context.Data["capacity"] = queue.Capacity;
    }
}

/// <summary>Collects what it receives, with no delay.</summary>
[Routine]
public partial class Bag
{
    private readonly ConcurrentQueue<int> _received;

    public Bag(ConcurrentQueue<int> received) => _received = received;

    [Slot(Capacity = 4)]
    public void In(int value) => _received.Enqueue(value);
}
