using System.Runtime.CompilerServices;

namespace Routilux.Execution;

/// <summary>The typed outlet of an event: a growable outbox reused across handler runs, so emitting allocates nothing once warm.</summary>
/// <typeparam name="T">The event's payload type.</typeparam>
internal sealed class EventOutlet<T> : EventOutlet
{
    private readonly SlotQueue<T>[] _targets;

    // For each target, whether a streaming owner hands messages over through the queue instead of running it inline.
    private readonly bool[] _cuts;

    // Messages emitted by the running handler, at _outbox[OutboxStart + i] for i < _count. The places before and
    // after are padding: the outbox is written for every message, and the objects allocated next to it belong to
    // other routines, which may run on another core (a stream's next segment) and would otherwise share its cache
    // line, which costs both cores a cache miss per message, in some processes but not others (it depends on where
    // the allocations fall).
    private static readonly int OutboxStart = Math.Max(1, PaddedFlag.Spacing / Math.Max(1, Unsafe.SizeOf<T>()));
    private T[] _outbox = new T[(2 * OutboxStart) + 4];
    private int _count;

    // Where the running handler's messages start in the outbox: past those of earlier runs of the same batch.
    private int _mark;

    // Delivery progress: the next outbox item, and the next target for that item.
    private int _deliveredItems;
    private int _deliveredTargets;

    // The one target of an outlet connected to a single slot (a chain's usual case), and whether it lies behind a cut:
    // read straight from fields on every fused hop, not through the arrays.
    private readonly SlotQueue<T>? _onlyTarget;
    private readonly bool _onlyTargetIsCut;

    // A field rather than the targets' length: read on every emit.
    private readonly bool _isConnected;

    public EventOutlet(RoutineCell owner, EventDescriptor @event, SlotQueue<T>[] targets, bool[] cuts)
        : base(owner, @event)
    {
        _targets = targets;
        _cuts = cuts;
        _isConnected = targets.Length > 0;
        if (targets.Length == 1)
        {
            _onlyTarget = targets[0];
            _onlyTargetIsCut = cuts[0];
        }
    }

    /// <summary>Whether any slot is connected to this event; emits to an unconnected event go nowhere.</summary>
    public bool IsConnected => _isConnected;

    /// <summary>Appends a message to the outbox.</summary>
    public void Add(T payload)
    {
        if (_count == _outbox.Length - (2 * OutboxStart))
        {
            var larger = new T[(2 * OutboxStart) + (2 * _count)];
            Array.Copy(_outbox, OutboxStart, larger, OutboxStart, _count);
            _outbox = larger;
        }

        _outbox[OutboxStart + _count++] = payload;
    }

    public override SlotQueue? TryDeliver(Job job, SpaceWaiter waiter)
    {
        if (_count == 0)
        {
            return null;
        }

        // A chain's usual case, one message for one target that is idle, runs without the bookkeeping below that lets
        // a delivery stop at a full queue and resume where it stopped.
        if (IsSingleFusible(job) && _onlyTarget!.Owner.TryRunInline(_onlyTarget, _outbox[OutboxStart], job, Owner))
        {
            ClearSingle();
            return null;
        }

        while (_deliveredItems < _count)
        {
            if (job.IsStopped)
            {
                // The job failed or was cancelled (perhaps by a message delivered just now): the rest would be dropped anyway.
                Reset();
                return null;
            }

            var payload = _outbox[OutboxStart + _deliveredItems];
            while (_deliveredTargets < _targets.Length)
            {
                var target = _targets[_deliveredTargets];

                // Count the message into its job before it becomes visible to the consumer, which may finish
                // it at once; the emitting message still holds the job open, so this never reaches zero early.
                // Fused dispatch first: an idle consumer with nothing queued runs the message right here. A stream
                // crossing a cut goes through the queue, and the rest of the chain runs on another core.
                var handOff = _cuts[_deliveredTargets] && Owner.IsStreaming;
                if (!handOff && target.Owner.TryRunInline(target, payload, job, Owner))
                {
                    _deliveredTargets++;
                    continue;
                }

                Owner.CountEmit(job);
                if (handOff)
                {
                    // The hand-off may wait for room: the emitter's latest clock reading is no longer "now".
                    Owner.ForgetLatestReading();
                }

                switch (handOff ? target.TryHandOff(payload, job, waiter) : target.TryEnqueue(payload, job, waiter))
                {
                    case EnqueueOutcome.MustWait:
                        Owner.UncountEmit();
                        return target;
                    case EnqueueOutcome.Rejected:
                        Owner.UncountEmit();
                        job.Fail(new QueueFullException(target.Owner.Worker.Flow.Id, target.Owner.RoutineId, target.Slot.Name, target.Capacity));

                        // The job has stopped; nothing more of this outbox is needed.
                        Reset();
                        return null;
                }

                _deliveredTargets++;
            }

            _deliveredTargets = 0;
            _deliveredItems++;
        }

        Reset();
        return null;
    }

    public override RoutineCell? TryPassOn(Job job)
    {
        if (_onlyTarget is null || job.IsStopped || (_onlyTargetIsCut && Owner.IsStreaming))
        {
            return null;
        }

        var target = _onlyTarget.Owner;
        if (_count == 1)
        {
            if (!target.TryTakePassedOn(_onlyTarget, _outbox[OutboxStart], job, Owner))
            {
                return null;
            }

            ClearSingle();
            return target;
        }

        // A batch in hand stands for messages the target would otherwise queue: no more than its queue holds.
        if (_count == 0 || _count > _onlyTarget.Capacity || !target.TakesBatches || !target.TryTakePassedBatch(_onlyTarget, _outbox, OutboxStart, _count, job, Owner))
        {
            return null;
        }

        Reset();
        return target;
    }

    public override void Discard() => Reset();

    public override void Mark() => _mark = _count;

    public override void DiscardSinceMark()
    {
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            Array.Clear(_outbox, OutboxStart + _mark, _count - _mark);
        }

        _count = _mark;
        _deliveredItems = Math.Min(_deliveredItems, _count);
    }

    /// <summary>
    /// One message for one target, which may be run on this thread: the job goes on, and the target is not behind a
    /// cut that this stream hands over through the queue.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsSingleFusible(Job job) =>
        _count == 1 && _onlyTarget is not null && !job.IsStopped && !(_onlyTargetIsCut && Owner.IsStreaming);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ClearSingle()
    {
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            _outbox[OutboxStart] = default!;
        }

        _count = 0;
        _mark = 0;
    }

    private void Reset()
    {
        // Clear references so delivered payloads are not kept alive by the outbox.
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            Array.Clear(_outbox, OutboxStart, _count);
        }

        _count = 0;
        _mark = 0;
        _deliveredItems = 0;
        _deliveredTargets = 0;
    }

    public override bool HasUndelivered => _count > _deliveredItems;

    public override CapturedPayloads CaptureOutbox(Job job, out string[] firstDeliveredTo)
    {
        var owner = $"{Owner.RoutineId}.{Event.Name}";
        var captured = new CapturedPayloads<T>(owner, _targets.Length > 0 ? ((SlotDescriptor<T>)_targets[0].Slot).PayloadSerializer : null);
        for (var i = _deliveredItems; i < _count; i++)
        {
            captured.Add(_outbox[OutboxStart + i], job);
        }

        firstDeliveredTo = _targets.Take(_count > _deliveredItems ? _deliveredTargets : 0).Select(t => t.Name).ToArray();
        return captured;
    }

    public override void RestoreOutbox(IReadOnlyList<System.Text.Json.JsonElement> payloads, IReadOnlyList<string> firstDeliveredTo, string path)
    {
        var owner = $"{Owner.RoutineId}.{Event.Name}";
        var serializer = _targets.Length > 0 ? ((SlotDescriptor<T>)_targets[0].Slot).PayloadSerializer : null;
        for (var i = 0; i < payloads.Count; i++)
        {
            Add(PayloadJson.Read(serializer, payloads[i], owner, $"{path}[{i}]", Owner.Worker.Id));
        }

        // The progress is an index into the targets, which follow the flow's connections in order.
        for (var i = 0; i < firstDeliveredTo.Count; i++)
        {
            if (i >= _targets.Length || _targets[i].Name != firstDeliveredTo[i])
            {
                throw new RoutiluxSerializationException(
                    $"The checkpoint of worker '{Owner.Worker.Id}' has a message of '{owner}' half delivered (to {string.Join(", ", firstDeliveredTo)}), " +
                    $"but this flow connects the event to {string.Join(", ", _targets.Select(t => t.Name))} in another order (at {path}). " +
                    "Declare the event's connections in the order they had when the checkpoint was taken.");
            }
        }

        _mark = _count;
        _deliveredItems = 0;
        _deliveredTargets = payloads.Count > 0 ? firstDeliveredTo.Count : 0;
    }
}
