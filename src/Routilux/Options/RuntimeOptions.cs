namespace Routilux;

/// <summary>Settings of a <see cref="Runtime"/>.</summary>
public sealed class RuntimeOptions
{
    /// <summary>
    /// The clock for retry delays, batch and interval waits and timeouts. Tests pass a fake one
    /// (for example Microsoft.Extensions.Time.Testing's FakeTimeProvider) to move time by hand.
    /// </summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
