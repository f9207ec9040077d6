namespace Routilux;

/// <summary>
/// An error strategy with its settings. Set one for a whole flow (<see cref="FlowBuilder.OnError(ErrorPolicy)"/>)
/// or one routine (<see cref="OnErrorAttribute"/>, or <see cref="FlowBuilder.OnError{TRoutine}(RoutineHandle{TRoutine}, ErrorPolicy)"/>);
/// the routine's wins. Settings are checked when the flow is built.
/// </summary>
public sealed class ErrorPolicy
{
    private ErrorPolicy(ErrorStrategy strategy, int maxRetries, TimeSpan delay, double backoffFactor, TimeSpan? maxDelay, IReadOnlyList<Type> retryOn, ErrorPolicy? fallback)
    {
        Strategy = strategy;
        MaxRetries = maxRetries;
        Delay = delay;
        BackoffFactor = backoffFactor;
        MaxDelay = maxDelay;
        RetryOn = retryOn;
        Fallback = fallback;
    }

    /// <summary>Fail the job (the default).</summary>
    public static ErrorPolicy Stop { get; } = new(ErrorStrategy.Stop, 0, TimeSpan.Zero, 1, null, Array.Empty<Type>(), null);

    /// <summary>Record the error and go on.</summary>
    public static ErrorPolicy Continue { get; } = new(ErrorStrategy.Continue, 0, TimeSpan.Zero, 1, null, Array.Empty<Type>(), null);

    /// <summary>Drop the message, record the error and go on.</summary>
    public static ErrorPolicy Skip { get; } = new(ErrorStrategy.Skip, 0, TimeSpan.Zero, 1, null, Array.Empty<Type>(), null);

    /// <summary>
    /// Re-run the handler with the same payload up to <paramref name="maxRetries"/> more times, waiting
    /// <paramref name="delay"/>, then <paramref name="delay"/> × <paramref name="backoffFactor"/>, and so on (capped at
    /// <paramref name="maxDelay"/>). When retries run out, or the exception is not one of <paramref name="retryOn"/>,
    /// <paramref name="then"/> applies (<see cref="Stop"/> unless given).
    /// </summary>
    /// <param name="maxRetries">Retries after the first run; 0 or more.</param>
    /// <param name="delay">The wait before the first retry; zero or more.</param>
    /// <param name="backoffFactor">How much each wait grows; 1 (constant) or more.</param>
    /// <param name="maxDelay">The longest wait, or <see langword="null"/> for no cap.</param>
    /// <param name="retryOn">Exception types worth retrying (subclasses included); empty or <see langword="null"/> retries any.</param>
    /// <param name="then">What applies after the last retry fails; not itself a retry.</param>
    /// <returns>The policy. Invalid settings are reported when the flow is built.</returns>
    public static ErrorPolicy Retry(int maxRetries, TimeSpan delay, double backoffFactor = 2.0, TimeSpan? maxDelay = null, IReadOnlyList<Type>? retryOn = null, ErrorPolicy? then = null) =>
        new(ErrorStrategy.Retry, maxRetries, delay, backoffFactor, maxDelay, retryOn ?? Array.Empty<Type>(), then);

    /// <summary>The strategy.</summary>
    public ErrorStrategy Strategy { get; }

    /// <summary>For <see cref="ErrorStrategy.Retry"/>: retries after the first run.</summary>
    public int MaxRetries { get; }

    /// <summary>For <see cref="ErrorStrategy.Retry"/>: the wait before the first retry.</summary>
    public TimeSpan Delay { get; }

    /// <summary>For <see cref="ErrorStrategy.Retry"/>: how much each wait grows.</summary>
    public double BackoffFactor { get; }

    /// <summary>For <see cref="ErrorStrategy.Retry"/>: the longest wait, or <see langword="null"/>.</summary>
    public TimeSpan? MaxDelay { get; }

    /// <summary>For <see cref="ErrorStrategy.Retry"/>: the exception types worth retrying; empty means any.</summary>
    public IReadOnlyList<Type> RetryOn { get; }

    /// <summary>For <see cref="ErrorStrategy.Retry"/>: what applies once retrying gives up (<see cref="Stop"/> when <see langword="null"/>).</summary>
    public ErrorPolicy? Fallback { get; }

    /// <summary>The wait before retry number <paramref name="retry"/> (1 for the first).</summary>
    public TimeSpan DelayBefore(int retry)
    {
        var ticks = Delay.Ticks * Math.Pow(BackoffFactor, retry - 1);
        var capped = MaxDelay is { } max ? Math.Min(ticks, max.Ticks) : ticks;
        return TimeSpan.FromTicks(capped >= TimeSpan.MaxValue.Ticks ? TimeSpan.MaxValue.Ticks : (long)capped);
    }

    /// <summary>Whether <paramref name="error"/> is worth retrying under this policy.</summary>
    public bool Retries(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (RetryOn.Count == 0)
        {
            return true;
        }

        foreach (var type in RetryOn)
        {
            if (type.IsInstanceOfType(error))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Lists what is wrong with the settings, each naming <paramref name="owner"/>.</summary>
    internal IEnumerable<string> Validate(string owner)
    {
        if (Strategy != ErrorStrategy.Retry)
        {
            yield break;
        }

        if (MaxRetries < 0)
        {
            yield return $"{owner} has a retry policy with {MaxRetries} retries; use 0 or more.";
        }

        if (Delay < TimeSpan.Zero)
        {
            yield return $"{owner} has a retry policy with a negative delay ({Delay}); use zero or more.";
        }

        if (double.IsNaN(BackoffFactor) || BackoffFactor < 1)
        {
            yield return $"{owner} has a retry policy with backoff factor {BackoffFactor}; use 1 (constant delay) or more.";
        }

        if (MaxDelay is { } max && max < Delay)
        {
            yield return $"{owner} has a retry policy whose maximum delay ({max}) is shorter than its delay ({Delay}).";
        }

        foreach (var type in RetryOn)
        {
            if (!typeof(Exception).IsAssignableFrom(type))
            {
                yield return $"{owner} has a retry policy that retries on '{type.Name}', which is not an exception type.";
            }
        }

        if (Fallback?.Strategy == ErrorStrategy.Retry)
        {
            yield return $"{owner} has a retry policy whose fallback is another retry; fall back to Stop, Continue or Skip.";
        }
    }

    /// <inheritdoc />
    public override string ToString() => Format(System.Globalization.CultureInfo.CurrentCulture);

    /// <summary>The text of <see cref="ToString"/> in <paramref name="culture"/>; graph exports pass the invariant culture so they read the same on every machine.</summary>
    internal string Format(IFormatProvider culture) => Strategy == ErrorStrategy.Retry
        ? string.Create(culture, $"Retry({MaxRetries}, {Delay.TotalMilliseconds} ms, x{BackoffFactor}{(MaxDelay is { } m ? string.Create(culture, $", max {m.TotalMilliseconds} ms") : string.Empty)}) then {(Fallback ?? Stop).Strategy}")
        : Strategy.ToString();
}
