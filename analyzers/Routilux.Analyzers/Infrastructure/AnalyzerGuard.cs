using System;

namespace Routilux.Analyzers.Infrastructure;

/// <summary>
/// Runs an analyzer action so that a bug in it never fails a user's build: Roslyn turns an analyzer exception into
/// warning AD0001, which TreatWarningsAsErrors makes an error. Tests turn <see cref="RethrowSwitch"/> on to see
/// every failure.
/// </summary>
internal static class AnalyzerGuard
{
    /// <summary>The AppContext switch that makes failures propagate (set by the analyzer tests).</summary>
    public const string RethrowSwitch = "Routilux.Analyzers.RethrowFailures";

    public static void Run<TContext>(TContext context, Action<TContext> action)
    {
        try
        {
            action(context);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
#pragma warning disable CA1031 // Deliberately broad: a missed diagnostic is better than a broken build (see the class summary).
        catch (Exception) when (!Rethrow())
#pragma warning restore CA1031
        {
            // Report nothing for this symbol or method; the rest of the compilation is still analyzed.
        }
    }

    private static bool Rethrow() => AppContext.TryGetSwitch(RethrowSwitch, out var rethrow) && rethrow;
}
