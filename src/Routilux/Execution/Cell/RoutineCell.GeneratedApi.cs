using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Routilux.Execution;

// What the generated dispatch and emit methods in users' assemblies call: the payload in hand, emits, the context.
// Every member here runs on the handler's call path, so on the thread holding the cell's claim (rule C2).
public sealed partial class RoutineCell
{
    /// <summary>For generated code; not part of the supported API. The context of the message being handled.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public RoutineContext Context => new(this, CurrentJob);

    /// <summary>For generated code; not part of the supported API. The cancellation token of the job being handled.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public CancellationToken CancellationToken => CurrentJob.CancellationToken;

    private Job CurrentJob => _hand.Job ?? throw OutsideHandler();

    /// <summary>For generated code; not part of the supported API. The payload of the message being handled on slot <paramref name="slot"/>.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Payload<T>(int slot) => Unsafe.As<SlotQueue<T>>(_queues[slot]).InHandPayload;

    /// <summary>For generated code; not part of the supported API. The batch being handled on slot <paramref name="slot"/>.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public IReadOnlyList<T> Batch<T>(int slot) => Unsafe.As<BatchSlotBuffer<T>>(_buffers[slot])!.InHand;

    /// <summary>For generated code; not part of the supported API. Emits <paramref name="payload"/> on event <paramref name="event"/>; delivered when the handler returns.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void Emit<T>(int @event, T payload)
    {
        if (_hand.Job is null)
        {
            ThrowOutsideHandler();
        }

        if (_hooks is not null)
        {
            _hooks.Emitted(new MessageEvent(_hand.Job!, RoutineId, Routine.Descriptor.Events[@event].Name));
        }

        var outlet = Unsafe.As<EventOutlet<T>>(_outlets[@event]);
        if (outlet.IsConnected)
        {
            outlet.Add(payload);
            _outboxDirty = true;
        }
    }

    /// <summary>
    /// For generated code; not part of the supported API. Emits <paramref name="payload"/> on event
    /// <paramref name="event"/> and delivers the outbox now, waiting while a target queue is full.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public ValueTask EmitAsync<T>(int @event, T payload)
    {
        Emit(@event, payload);
        return DeliverOutboxAsync(CurrentJob);
    }

    /// <summary>For generated code; not part of the supported API. Returns <paramref name="cell"/>, or explains that an emit was called outside a worker.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static RoutineCell EnsureAttached(RoutineCell? cell, string routine, string emitMethod) =>
        cell ?? throw NotAttached(routine, emitMethod);

    /// <summary>For generated code; not part of the supported API. The error for a slot index the generated dispatch does not know.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static Exception UnknownSlot(string routine, int slot) =>
        new ArgumentOutOfRangeException(nameof(slot), slot, $"Routine '{routine}' has no slot number {slot}; its generated code is out of date. Rebuild the project.");

    // Kept out of line: inlined into every emit, the message formatting would cost each hop a larger stack frame.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static InvalidOperationException NotAttached(string routine, string emitMethod) => new(
        $"'{routine}.{emitMethod}' was called on a routine instance that is not running in a flow. A routine emits only while a worker " +
        "runs it: add it to a FlowBuilder, create a worker with Runtime.CreateWorker and post a job.");

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void ThrowOutsideHandler() => throw OutsideHandler();

    private InvalidOperationException OutsideHandler() => new(
        $"Routine '{Routine.Id}' in flow '{Worker.Flow.Id}' used its context outside a slot handler. Emits and contexts are only valid " +
        "on the handler's own call path while it handles a message; do not keep them for later or use them from other threads.");
}
