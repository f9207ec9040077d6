using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Routilux.Observability;

/// <summary>
/// The hooks registered on a runtime, and the one place they are called from: each call is guarded, so a hook that
/// throws is logged (<see cref="RoutiluxLog.HookFailed"/>) and the others still run. The runtime keeps a
/// <see langword="null"/> set when no hook is registered, so an unhooked event costs one null check.
/// </summary>
internal sealed class HookSet
{
    // Never empty (Create returns null instead), copied from the options so later changes to the caller's list do not
    // reach a running runtime.
    private readonly RoutiluxHooks[] _hooks;
    private readonly ILogger _logger;

    private HookSet(RoutiluxHooks[] hooks, ILogger logger)
    {
        _hooks = hooks;
        _logger = logger;
        AssertInvariants();
    }

    /// <summary>The set for <paramref name="hooks"/>, or <see langword="null"/> when there are none.</summary>
    public static HookSet? Create(IReadOnlyList<RoutiluxHooks>? hooks, ILogger logger)
    {
        if (hooks is null || hooks.Count == 0)
        {
            return null;
        }

        var copy = new RoutiluxHooks[hooks.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = hooks[i] ?? throw new ArgumentException($"RuntimeOptions.Hooks[{i}] is null; remove it or register a RoutiluxHooks instance.", nameof(hooks));
        }

        return new HookSet(copy, logger);
    }

    public void JobStarted(Job job)
    {
        foreach (var hook in _hooks)
        {
            try
            {
                hook.OnJobStarted(job);
            }
            catch (Exception ex)
            {
                Failed(hook, ex, nameof(RoutiluxHooks.OnJobStarted));
            }
        }
    }

    public void JobEnded(Job job)
    {
        foreach (var hook in _hooks)
        {
            try
            {
                hook.OnJobEnded(job);
            }
            catch (Exception ex)
            {
                Failed(hook, ex, nameof(RoutiluxHooks.OnJobEnded));
            }
        }
    }

    public void HandlerStarting(in HandlerStart run)
    {
        foreach (var hook in _hooks)
        {
            try
            {
                hook.OnHandlerStarting(in run);
            }
            catch (Exception ex)
            {
                Failed(hook, ex, nameof(RoutiluxHooks.OnHandlerStarting));
            }
        }
    }

    public void HandlerEnded(in HandlerEnd run)
    {
        foreach (var hook in _hooks)
        {
            try
            {
                hook.OnHandlerEnded(in run);
            }
            catch (Exception ex)
            {
                Failed(hook, ex, nameof(RoutiluxHooks.OnHandlerEnded));
            }
        }
    }

    public void Emitted(in MessageEvent message)
    {
        foreach (var hook in _hooks)
        {
            try
            {
                hook.OnEmitted(in message);
            }
            catch (Exception ex)
            {
                Failed(hook, ex, nameof(RoutiluxHooks.OnEmitted));
            }
        }
    }

    public void Enqueued(in MessageEvent message)
    {
        foreach (var hook in _hooks)
        {
            try
            {
                hook.OnEnqueued(in message);
            }
            catch (Exception ex)
            {
                Failed(hook, ex, nameof(RoutiluxHooks.OnEnqueued));
            }
        }
    }

    public void Dropped(in MessageEvent message)
    {
        foreach (var hook in _hooks)
        {
            try
            {
                hook.OnDropped(in message);
            }
            catch (Exception ex)
            {
                Failed(hook, ex, nameof(RoutiluxHooks.OnDropped));
            }
        }
    }

    private void Failed(RoutiluxHooks hook, Exception error, string callback)
    {
        // Logging must not throw into the flow either: a logger provider that fails is as foreign as the hook.
        try
        {
            RoutiluxLog.HookFailed(_logger, error, hook.GetType().FullName ?? hook.GetType().Name, callback);
        }
        catch (Exception)
        {
            // Nothing else is left to report it to; the flow must go on.
        }
    }

    [Conditional("DEBUG")]
    private void AssertInvariants() =>
        Debug.Assert(_hooks.Length > 0 && Array.TrueForAll(_hooks, h => h is not null), "A hook set is never empty and holds no null.");
}
