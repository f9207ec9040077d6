namespace Routilux.Tests.Model;

/// <summary>
/// Makes a random scenario from a seed: the same seed always gives the same scenario. A few shapes are drawn more
/// often than a uniform random flow would give them, because they are where buffered activations, joins and stopped
/// jobs meet (issue 17's bugs 1, 2, 3 and 6 live there); the rest of each scenario is random around them.
/// </summary>
internal sealed class ScenarioGenerator
{
    private static readonly NodeKind[] InnerKinds =
    [
        NodeKind.Relay, NodeKind.Relay, NodeKind.AsyncRelay, NodeKind.AsyncRelay, NodeKind.RetryRelay, NodeKind.ContinueRelay,
        NodeKind.SmallBatch, NodeKind.WideBatch, NodeKind.Custom, NodeKind.Interval, NodeKind.Join, NodeKind.Sink,
    ];

    private static readonly NodeKind[] RelayKinds = [NodeKind.Relay, NodeKind.AsyncRelay, NodeKind.RetryRelay, NodeKind.ContinueRelay];

    private readonly Random _random;
    private readonly int _seed;
    private readonly List<NodeSpec> _nodes = new();
    private readonly List<EdgeSpec> _edges = new();
    private readonly List<int> _entries = new();
    private bool _gate;

    private ScenarioGenerator(int seed)
    {
        _seed = seed;
        _random = new Random(seed);
    }

    public static ScenarioSpec Generate(int seed) => new ScenarioGenerator(seed).Build();

    private ScenarioSpec Build()
    {
        var shape = _random.Next(10);
        switch (shape)
        {
            case 0 or 1:
                JoinAfterBatch();
                break;
            case 2:
                SmallBuffer();
                break;
            case 3:
                SelfCancelling();
                break;
            case 4 or 5:
                Gated();
                break;
            default:
                AddNode(RelayKinds[_random.Next(RelayKinds.Length)], entry: true);
                if (_random.Next(5) == 0)
                {
                    AddNode(Pick(NodeKind.Relay, NodeKind.AsyncRelay, NodeKind.SmallBatch), entry: true);
                }

                break;
        }

        var extra = _random.Next(0, shape >= 6 ? 6 : 3);
        for (var i = 0; i < extra; i++)
        {
            AddConnected(InnerKinds[_random.Next(InnerKinds.Length)]);
        }

        LimitFanout();
        var workers = _random.Next(5) == 0 ? 2 : 1;
        var jobs = MakeJobs(workers);
        var chaos = MakeChaos(jobs, workers);
        var flowPolicy = _random.Next(2) == 0 ? null : RandomPolicy();
        return new ScenarioSpec(_seed, _nodes.ToArray(), _edges.ToArray(), _entries.ToArray(), flowPolicy, workers, jobs, chaos);
    }

    // split -> join.Left; split -> batch -> join.Right (issue 17, bug 1), sometimes through more hops.
    private void JoinAfterBatch()
    {
        var split = AddNode(Pick(NodeKind.Relay, NodeKind.AsyncRelay), entry: true, plain: true);
        var batch = AddNode(Pick(NodeKind.WideBatch, NodeKind.SmallBatch, NodeKind.Custom, NodeKind.Interval), entry: false);
        Connect(split, batch, "In");
        var join = AddNode(NodeKind.Join, entry: false);
        Connect(split, join, _random.Next(2) == 0 ? "Left" : "Right");
        Connect(batch, join, _edges[^1].ToSlot == "Left" ? "Right" : "Left");
    }

    // A custom or join buffer with a small capacity, fed by jobs that post several messages (issue 17, bug 2).
    private void SmallBuffer()
    {
        if (_random.Next(2) == 0)
        {
            var entry = AddNode(NodeKind.Relay, entry: true, plain: true);
            var custom = AddNode(NodeKind.Custom, entry: false, capacity: _random.Next(1, 4));
            Connect(entry, custom, "In");
        }
        else
        {
            var left = AddNode(NodeKind.Relay, entry: true, plain: true);
            var right = AddNode(NodeKind.Relay, entry: true, plain: true);
            var join = AddNode(NodeKind.Join, entry: false, capacity: _random.Next(1, 3));
            Connect(left, join, "Left");
            Connect(right, join, "Right");
        }
    }

    // Handlers that cancel their own job and then await, run inline by RunAsync (issue 17, bug 3).
    private void SelfCancelling()
    {
        var kind = Pick(NodeKind.AsyncRelay, NodeKind.Relay);
        _nodes.Add(new NodeSpec(_nodes.Count, kind, 1, 0, _random.Next(20, 70), kind == NodeKind.AsyncRelay ? _random.Next(0, 100) : 0, false, null, [new SlotSpec("In", null, null)]));
        _entries.Add(_nodes.Count - 1);
    }

    // A gated routine holds one job's message while other jobs queue behind it and are cancelled or time out (bug 6).
    private void Gated()
    {
        _gate = true;
        var capacity = _random.Next(3) == 0 ? _random.Next(1, 3) : (int?)null;
        var policy = _random.Next(4) == 0 ? QueueFullPolicy.Fail : (QueueFullPolicy?)null;
        _nodes.Add(new NodeSpec(_nodes.Count, NodeKind.AsyncRelay, 1, 0, 0, 0, true, null, [new SlotSpec("In", capacity, policy)]));
        _entries.Add(_nodes.Count - 1);
        if (_random.Next(2) == 0)
        {
            // The gate one hop in, so stopped jobs also have messages waiting in an emitter's outbox.
            var inner = new NodeSpec(_nodes.Count, NodeKind.AsyncRelay, 1, 0, 0, 0, true, null, [new SlotSpec("In", _random.Next(1, 3), null)]);
            _nodes[^1] = _nodes[^1] with { Gated = false };
            _nodes.Add(inner);
            Connect(_nodes.Count - 2, _nodes.Count - 1, "In");
        }
    }

    private int AddNode(NodeKind kind, bool entry, bool plain = false, int? capacity = null)
    {
        var index = _nodes.Count;
        var relay = kind is NodeKind.Relay or NodeKind.AsyncRelay or NodeKind.RetryRelay or NodeKind.ContinueRelay;
        var fanout = relay && !plain && _random.Next(4) == 0 ? _random.Next(2, 4) : 1;
        var faults = relay && !plain && _random.Next(2) == 0 ? _random.Next(10, 45) : 0;
        var selfCancel = kind is NodeKind.Relay or NodeKind.AsyncRelay && !plain && _random.Next(12) == 0 ? _random.Next(5, 30) : 0;
        var awaits = kind == NodeKind.AsyncRelay ? _random.Next(0, 101) : 0;
        var ownPolicy = relay && _random.Next(3) == 0 ? RandomPolicy() : null;
        SlotSpec[] slots = kind == NodeKind.Join
            ? [JoinSlot("Left", capacity), JoinSlot("Right", capacity)]
            : [RandomSlot("In", capacity, allowDrops: !plain)];
        _nodes.Add(new NodeSpec(index, kind, fanout, faults, selfCancel, awaits, false, ownPolicy, slots));
        if (entry)
        {
            _entries.Add(index);
        }

        return index;
    }

    // A node fed by one or two earlier nodes that emit (fan-in); a join gets a source for each side.
    private void AddConnected(NodeKind kind)
    {
        var sources = _nodes.Where(n => n.Emits).Select(n => n.Index).ToList();
        if (sources.Count == 0)
        {
            return;
        }

        var index = AddNode(kind, entry: false);
        if (kind == NodeKind.Join)
        {
            Connect(sources[_random.Next(sources.Count)], index, "Left");
            Connect(sources[_random.Next(sources.Count)], index, "Right");
            return;
        }

        var first = sources[_random.Next(sources.Count)];
        Connect(first, index, "In");
        if (sources.Count > 1 && _random.Next(3) == 0)
        {
            var second = sources[_random.Next(sources.Count)];
            if (second != first)
            {
                Connect(second, index, "In");
            }
        }
    }

    private void Connect(int from, int to, string slot) => _edges.Add(new EdgeSpec(from, to, slot));

    private SlotSpec RandomSlot(string name, int? capacity, bool allowDrops)
    {
        capacity ??= _random.Next(3) == 0 ? Pick(1, 2, 3, 4, 8, 64) : null;
        QueueFullPolicy? policy = allowDrops && _random.Next(4) == 0
            ? Pick(QueueFullPolicy.Wait, QueueFullPolicy.Fail, QueueFullPolicy.DropOldest, QueueFullPolicy.DropNewest)
            : null;
        return new SlotSpec(name, capacity, policy);
    }

    // Join slots always wait: then every drop a join slot counts is an unpaired message, which the oracle can check.
    private SlotSpec JoinSlot(string name, int? capacity) =>
        new(name, capacity ?? (_random.Next(3) == 0 ? Pick(1, 2, 4) : null), null);

    private PolicySpec RandomPolicy() => _random.Next(4) switch
    {
        0 => PolicySpec.Stop,
        1 => new PolicySpec(ErrorStrategy.Continue, 0, ErrorStrategy.Stop),
        2 => new PolicySpec(ErrorStrategy.Skip, 0, ErrorStrategy.Stop),
        _ => new PolicySpec(ErrorStrategy.Retry, _random.Next(0, 4), Pick(ErrorStrategy.Stop, ErrorStrategy.Continue, ErrorStrategy.Skip)),
    };

    // Fan-outs multiply: keep a job's messages in the hundreds at most.
    private void LimitFanout()
    {
        var seen = 0;
        for (var i = 0; i < _nodes.Count; i++)
        {
            if (_nodes[i].Fanout > 1 && ++seen > 2)
            {
                _nodes[i] = _nodes[i] with { Fanout = 1 };
            }
        }
    }

    private JobSpec[] MakeJobs(int workers)
    {
        var count = _random.Next(4) == 0 ? _random.Next(10, 41) : _random.Next(1, 10);
        var jobs = new JobSpec[count];
        var holders = _gate ? _random.Next(1, 3) : 0;
        for (var i = 0; i < count; i++)
        {
            var method = (StartMethod)_random.Next(3);
            if (_nodes.Any(n => n.SelfCancelPercent > 0) && _random.Next(2) == 0)
            {
                method = StartMethod.RunAsync;
            }

            var inputs = method == StartMethod.OpenJob ? _random.Next(1, 6) : 1;
            var entries = new int[inputs];
            for (var k = 0; k < inputs; k++)
            {
                entries[k] = _entries[_random.Next(_entries.Count)];
            }

            var delay = _random.Next(3) == 0 ? _random.Next(0, 25) : 0;
            int? timeout = _random.Next(_gate ? 3 : 8) == 0 ? _random.Next(1, 150) : null;
            var token = _random.Next(8) == 0;
            jobs[i] = new JobSpec(i, method, entries, delay, timeout, token, Hold: i < holders, Worker: _random.Next(workers));
        }

        return jobs;
    }

    private ChaosSpec[] MakeChaos(JobSpec[] jobs, int workers)
    {
        if (_random.Next(5) < 2 && !_gate)
        {
            return [];
        }

        var count = _random.Next(1, 4);
        var chaos = new List<ChaosSpec>();
        for (var i = 0; i < count; i++)
        {
            var roll = _random.Next(100);
            var kind = roll < 35 ? ChaosKind.PauseResume : roll < 65 ? ChaosKind.CancelJob : roll < 75 ? ChaosKind.CancelCallerToken : roll < 88 ? ChaosKind.CancelWorker : ChaosKind.DisposeRuntime;
            var job = _random.Next(jobs.Length);
            if (kind == ChaosKind.CancelCallerToken && !jobs[job].CallerToken)
            {
                kind = ChaosKind.CancelJob;
            }

            chaos.Add(new ChaosSpec(i, kind, _random.Next(0, 40), job, _random.Next(1, 20), _random.Next(workers)));
        }

        return chaos.ToArray();
    }

    private T Pick<T>(params T[] choices) => choices[_random.Next(choices.Length)];
}
