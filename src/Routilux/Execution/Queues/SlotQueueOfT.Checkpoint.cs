using System.Text.Json;
using Routilux.Serialization;

namespace Routilux.Execution;

// A checkpoint's view of the queue: what its cut copies out (as the consumer: the checkpoint holds the owning cell's
// claim, see the cell's contract, E8), and what resuming puts back before dispatch starts.
internal sealed partial class SlotQueue<T>
{
    private PayloadSerializer<T>? Serializer => ((SlotDescriptor<T>)Slot).PayloadSerializer;

    public override long Received
    {
        get
        {
            Owner.AssertClaimed();
            return _received;
        }

        set
        {
            Owner.AssertClaimed();
            _received = value;
        }
    }

    public override CapturedPayloads NewCapture() => new CapturedPayloads<T>(Name, Serializer);

    public override CapturedPayloads CaptureQueued(IReadOnlySet<Job> jobs)
    {
        Owner.AssertClaimed();
        var captured = new CapturedPayloads<T>(Name, Serializer);

        // Under DropOldest a producer may evict the head meanwhile: look under the lock its producers offer under.
        if (_dropOldestLock is not null)
        {
            lock (_dropOldestLock)
            {
                CapturePublished(captured, jobs);
            }
        }
        else
        {
            CapturePublished(captured, jobs);
        }

        return captured;
    }

    /// <summary>
    /// The published places from the head on: a place claimed but not yet published, and everything behind it, comes
    /// after the cut (its producer's message was not accepted yet). Messages of jobs outside the cut are left out.
    /// </summary>
    private void CapturePublished(CapturedPayloads<T> into, IReadOnlySet<Job> jobs)
    {
        var head = Volatile.Read(ref _indices.Head);
        for (var index = head; index - head < Capacity && IsPublished(index); index++)
        {
            ref var place = ref Place(index);
            var job = place.Job;
            if (job is not null && jobs.Contains(job))
            {
                into.Add(place.Payload, job);
            }
        }
    }

    public override void CaptureInHand(CapturedPayloads into, Job job, long number)
    {
        Owner.AssertClaimed();
        ((CapturedPayloads<T>)into).Add(_inHandPayload, job, number);
    }

    public override void CaptureBatchRest(CapturedPayloads into, Job job, long firstNumber)
    {
        Owner.AssertClaimed();
        var typed = (CapturedPayloads<T>)into;
        for (var i = _batchNext; i < _batchEnd; i++)
        {
            typed.Add(_batch[i], job, firstNumber + (i - _batchNext));
        }
    }

    public override void RestoreQueued(JsonElement payload, Job job, string path)
    {
        Owner.AssertClaimed();
        var value = PayloadJson.Read(Serializer, payload, Name, path, Owner.Worker.Id);
        if (!TryClaim(out var tail))
        {
            throw new RoutiluxSerializationException(
                $"The checkpoint of worker '{Owner.Worker.Id}' holds more messages for '{Name}' than its queue's capacity of {Capacity} in this flow " +
                $"(at {path}). Give the slot at least the capacity it had when the checkpoint was taken, resume, and lower it once the worker drained.");
        }

        // Published without scheduling the cell: resuming starts dispatch once everything is back.
        Publish(tail, value, job);
    }

    public override void RestoreInHand(JsonElement payload, string path)
    {
        Owner.AssertClaimed();
        _inHandPayload = PayloadJson.Read(Serializer, payload, Name, path, Owner.Worker.Id);
    }

    public override void RestoreBatchRest(IReadOnlyList<JsonElement> payloads, string path)
    {
        Owner.AssertClaimed();
        var items = new T[payloads.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = PayloadJson.Read(Serializer, payloads[i], Name, $"{path}[{i}]", Owner.Worker.Id);
        }

        if (items.Length > 0)
        {
            HoldBatch(items, 0, items.Length);
        }
    }
}
