namespace Routilux.Generators.Model;

/// <summary>
/// When a slot's handler runs, as declared: the generator's mirror of the runtime's ActivationKind. It has its own
/// name because the tests see both namespaces, and Routilux.ActivationKind would win the lookup.
/// </summary>
internal enum ActivationMode
{
    /// <summary>Every message runs the handler: no attribute, nothing emitted.</summary>
    Immediate,

    /// <summary>[Batch(size, MaxWaitMilliseconds = ...)].</summary>
    Batch,

    /// <summary>[Interval(milliseconds)].</summary>
    Interval,

    /// <summary>[ActivateWhen(nameof(Predicate))].</summary>
    Custom,

    /// <summary>A slot of a [Join] method.</summary>
    AllSlotsReady,
}

/// <summary>
/// A slot's activation with its settings as written. Values are kept even when the runtime will reject them
/// (a batch size of 0, a negative interval): FlowBuilder.Build reports those naming the routine and slot.
/// </summary>
/// <param name="Mode">The kind of activation.</param>
/// <param name="BatchSize">For <see cref="ActivationMode.Batch"/>: messages per batch.</param>
/// <param name="Milliseconds">
/// For <see cref="ActivationMode.Batch"/>: the maximum wait, 0 for none; for <see cref="ActivationMode.Interval"/>:
/// the period.
/// </param>
/// <param name="Predicate">For <see cref="ActivationMode.Custom"/>: the name of the routine's predicate method.</param>
/// <param name="PredicateIsStatic">For <see cref="ActivationMode.Custom"/>: whether the predicate is static.</param>
internal sealed record ActivationSpec(ActivationMode Mode, int BatchSize, double Milliseconds, string Predicate, bool PredicateIsStatic)
{
    public static readonly ActivationSpec Immediate = new(ActivationMode.Immediate, 0, 0, string.Empty, false);

    public static readonly ActivationSpec AllSlotsReady = new(ActivationMode.AllSlotsReady, 0, 0, string.Empty, false);

    /// <summary>Batch, Interval and Custom hand the handler a list of buffered messages instead of one message.</summary>
    public bool IsBuffered => Mode is ActivationMode.Batch or ActivationMode.Interval or ActivationMode.Custom;

    public static ActivationSpec Batch(int size, double maxWaitMilliseconds) =>
        new(ActivationMode.Batch, size, maxWaitMilliseconds, string.Empty, false);

    public static ActivationSpec Interval(double milliseconds) =>
        new(ActivationMode.Interval, 0, milliseconds, string.Empty, false);

    public static ActivationSpec Custom(string predicate, bool isStatic) =>
        new(ActivationMode.Custom, 0, 0, predicate, isStatic);
}
