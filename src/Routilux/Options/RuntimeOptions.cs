using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Routilux;

/// <summary>Settings of a <see cref="Runtime"/>.</summary>
public sealed class RuntimeOptions
{
    /// <summary>
    /// The clock for retry delays, batch and interval waits and timeouts. Tests pass a fake one
    /// (for example Microsoft.Extensions.Time.Testing's FakeTimeProvider) to move time by hand.
    /// </summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Where the runtime logs (job lifecycle, handler failures, retries, drops, pause and resume; stable event ids in
    /// docs/observability.md) and where <see cref="RoutineContext.Logger"/> comes from. The default,
    /// <see cref="NullLoggerFactory"/>, logs nothing and formats nothing.
    /// </summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>
    /// Hooks called as jobs and handlers run, in this order (see <see cref="RoutiluxHooks"/>); <see langword="null"/>
    /// or empty (the default) for none, which costs one null check per event. Read once when the runtime is created.
    /// </summary>
    public IReadOnlyList<RoutiluxHooks>? Hooks { get; init; }
}
