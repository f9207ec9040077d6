namespace Routilux;

/// <summary>
/// When a slot's handler runs, with its settings. Declared on slot methods with <see cref="BatchAttribute"/>,
/// <see cref="IntervalAttribute"/>, <see cref="ActivateWhenAttribute"/> or <see cref="JoinAttribute"/>, and read by
/// the source generator into the slot's descriptor. Settings are checked when the flow is built.
/// </summary>
public sealed class ActivationPolicy
{
    private ActivationPolicy(ActivationKind kind, int batchSize, TimeSpan? maxWait, TimeSpan period, Func<IRoutine, ActivationState, bool>? predicate)
    {
        Kind = kind;
        BatchSize = batchSize;
        MaxWait = maxWait;
        Period = period;
        Predicate = predicate;
    }

    /// <summary>Every message runs the handler (the default).</summary>
    public static ActivationPolicy Immediate { get; } = new(ActivationKind.Immediate, 1, null, TimeSpan.Zero, null);

    /// <summary>The slots of a join method run together, one message from each.</summary>
    public static ActivationPolicy AllSlotsReady { get; } = new(ActivationKind.AllSlotsReady, 1, null, TimeSpan.Zero, null);

    /// <summary>
    /// The handler gets <paramref name="size"/> messages at a time; a partial batch goes after <paramref name="maxWait"/>
    /// from its first message, or as soon as the job has nothing else queued or running.
    /// </summary>
    /// <param name="size">Messages per batch; at least 1.</param>
    /// <param name="maxWait">The longest a partial batch waits; <see langword="null"/> waits until the job has nothing else to do.</param>
    public static ActivationPolicy Batch(int size, TimeSpan? maxWait = null) => new(ActivationKind.Batch, size, maxWait, TimeSpan.Zero, null);

    /// <summary>The handler runs at most once per <paramref name="period"/>, with what arrived since its last run.</summary>
    /// <param name="period">The shortest time between two runs; positive.</param>
    public static ActivationPolicy Interval(TimeSpan period) => new(ActivationKind.Interval, int.MaxValue, null, period, null);

    /// <summary>
    /// The handler runs with everything buffered when <paramref name="predicate"/> returns <see langword="true"/>, and
    /// with what is left when the job has nothing else to do.
    /// </summary>
    /// <typeparam name="TRoutine">The routine whose method decides.</typeparam>
    /// <param name="predicate">Decides from the routine instance and the buffer's state.</param>
    public static ActivationPolicy Custom<TRoutine>(Func<TRoutine, ActivationState, bool> predicate)
        where TRoutine : class, IRoutine
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return new(ActivationKind.Custom, int.MaxValue, null, TimeSpan.Zero, (routine, state) => predicate((TRoutine)routine, state));
    }

    /// <summary>The kind of activation.</summary>
    public ActivationKind Kind { get; }

    /// <summary>For <see cref="ActivationKind.Batch"/>: messages per batch.</summary>
    public int BatchSize { get; }

    /// <summary>For <see cref="ActivationKind.Batch"/>: the longest a partial batch waits, or <see langword="null"/>.</summary>
    public TimeSpan? MaxWait { get; }

    /// <summary>For <see cref="ActivationKind.Interval"/>: the shortest time between runs.</summary>
    public TimeSpan Period { get; }

    /// <summary>For <see cref="ActivationKind.Custom"/>: the predicate, over the routine instance and its buffer's state.</summary>
    internal Func<IRoutine, ActivationState, bool>? Predicate { get; }

    /// <summary>Whether messages are buffered per job before the handler runs.</summary>
    internal bool Buffers => Kind is ActivationKind.Batch or ActivationKind.Interval or ActivationKind.Custom;

    /// <summary>Lists what is wrong with the settings, each naming <paramref name="owner"/>.</summary>
    internal IEnumerable<string> Validate(string owner)
    {
        if (Kind == ActivationKind.Batch && BatchSize < 1)
        {
            yield return $"{owner} has a batch size of {BatchSize}; a batch holds at least 1 message.";
        }

        if (Kind == ActivationKind.Batch && MaxWait is { } wait && wait <= TimeSpan.Zero)
        {
            yield return $"{owner} has a batch maximum wait of {wait}; use a positive time, or none to wait until the job has nothing else to do.";
        }

        if (Kind == ActivationKind.Interval && Period <= TimeSpan.Zero)
        {
            yield return $"{owner} has an interval of {Period}; use a positive period.";
        }
    }

    /// <inheritdoc />
    public override string ToString() => Format(System.Globalization.CultureInfo.CurrentCulture);

    /// <summary>The text of <see cref="ToString"/> in <paramref name="culture"/>; graph exports pass the invariant culture so they read the same on every machine.</summary>
    internal string Format(IFormatProvider culture) => Kind switch
    {
        ActivationKind.Batch => string.Create(culture, $"Batch({BatchSize}{(MaxWait is { } w ? string.Create(culture, $", {w.TotalMilliseconds} ms") : string.Empty)})"),
        ActivationKind.Interval => string.Create(culture, $"Interval({Period.TotalMilliseconds} ms)"),
        _ => Kind.ToString(),
    };
}
