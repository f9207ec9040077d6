using System.ComponentModel;

namespace Routilux;

/// <summary>
/// Sets the error strategy of a routine, overriding the flow's. For example
/// <c>[OnError(ErrorStrategy.Retry, MaxRetries = 3, DelayMilliseconds = 100)]</c>. Read by the source generator
/// into the routine's descriptor as an <see cref="ErrorPolicy"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class OnErrorAttribute : Attribute
{
    /// <summary>Sets the strategy.</summary>
    /// <param name="strategy">What happens when a handler throws.</param>
    public OnErrorAttribute(ErrorStrategy strategy) => Strategy = strategy;

    /// <summary>What happens when a handler throws.</summary>
    public ErrorStrategy Strategy { get; }

    /// <summary>For <see cref="ErrorStrategy.Retry"/>: retries after the first run (default 3).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>For <see cref="ErrorStrategy.Retry"/>: the wait before the first retry, in milliseconds (default 1000).</summary>
    public double DelayMilliseconds { get; set; } = 1000;

    /// <summary>For <see cref="ErrorStrategy.Retry"/>: how much each wait grows (default 2).</summary>
    public double BackoffFactor { get; set; } = 2.0;

    /// <summary>For <see cref="ErrorStrategy.Retry"/>: the longest wait in milliseconds; 0 (default) for no cap.</summary>
    public double MaxDelayMilliseconds { get; set; }

    /// <summary>For <see cref="ErrorStrategy.Retry"/>: the exception types worth retrying; none (default) retries any.</summary>
    public Type[]? RetryOn { get; set; }

    /// <summary>For <see cref="ErrorStrategy.Retry"/>: what applies once retrying gives up (default Stop).</summary>
    public ErrorStrategy Fallback { get; set; } = ErrorStrategy.Stop;

    /// <summary>
    /// For generated code; not part of the supported API. The policy this attribute describes, as the generated
    /// descriptor records it (<see cref="RoutineDescriptor.ErrorPolicy"/>).
    /// </summary>
    /// <returns>The policy.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public ErrorPolicy ToPolicy() => Strategy switch
    {
        ErrorStrategy.Continue => ErrorPolicy.Continue,
        ErrorStrategy.Skip => ErrorPolicy.Skip,
        ErrorStrategy.Retry => ErrorPolicy.Retry(
            MaxRetries,
            TimeSpan.FromMilliseconds(DelayMilliseconds),
            BackoffFactor,
            MaxDelayMilliseconds > 0 ? TimeSpan.FromMilliseconds(MaxDelayMilliseconds) : null,
            RetryOn,
            Fallback switch
            {
                ErrorStrategy.Continue => ErrorPolicy.Continue,
                ErrorStrategy.Skip => ErrorPolicy.Skip,
                ErrorStrategy.Retry => ErrorPolicy.Retry(0, TimeSpan.Zero, 1, null, null, null),
                _ => ErrorPolicy.Stop,
            }),
        _ => ErrorPolicy.Stop,
    };
}
