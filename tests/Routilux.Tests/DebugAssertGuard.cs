#if DEBUG
using System.Diagnostics;
using System.IO;
using System.Runtime.CompilerServices;

namespace Routilux.Tests;

/// <summary>
/// Debug builds: makes every failed <see cref="Debug.Assert(bool)"/> visible, wherever it fires. The test host
/// (Microsoft.NET.Test.Sdk) turns a failed assert into a <c>DebugAssertException</c>, which fails the test only when it
/// reaches the test's own code: the runtime's turns catch whatever a handler run throws and fail the job with it, so an
/// assert in the engine on a pool thread ends as a failed job, which a test that expects a failed job (or does not look)
/// would pass. This listener runs before the test host's: it writes each failure with its stack to stderr and, when
/// <c>ROUTILUX_DEBUG_ASSERT_LOG</c> names a file, appends it there, where <c>.ci/run</c> counts it as a failure. Then
/// the test host's listener throws as before.
/// </summary>
internal static class DebugAssertGuard
{
    /// <summary>The variable that names the log file; <c>.ci/run</c> sets it for the Debug pass.</summary>
    public const string LogVariable = "ROUTILUX_DEBUG_ASSERT_LOG";

    /// <summary>The line that starts every entry of the log, one per failed assert.</summary>
    public const string EntryMarker = "=== Debug.Assert failed";

    // The listener must be in place before any test runs; a module initializer in a test assembly is the one hook that
    // runs before xunit creates the first test class, without an xunit extension.
    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "A test assembly, not a library: the listener must be installed before the first test.")]
    internal static void Install() => Trace.Listeners.Insert(0, new FailedAssertRecorder(Environment.GetEnvironmentVariable(LogVariable)));

    private sealed class FailedAssertRecorder(string? logPath) : TraceListener
    {
        private const int StackFrames = 12;
        private static readonly object Gate = new();

        public override void Fail(string? message) => Fail(message, null);

        public override void Fail(string? message, string? detailMessage)
        {
            // The frames that matter are the assert's caller and a few above it; the test framework's dozens are noise.
            var frames = new StackTrace(1, fNeedFileInfo: true).ToString()
                .Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries)
                .Where(f => !f.TrimStart().StartsWith("at System.Diagnostics.", StringComparison.Ordinal))
                .Take(StackFrames);
            var entry = $"{EntryMarker}: {message}{(string.IsNullOrEmpty(detailMessage) ? "" : " " + detailMessage)}" +
                        $"{Environment.NewLine}{string.Join(Environment.NewLine, frames)}{Environment.NewLine}";
            lock (Gate)
            {
                Console.Error.Write(entry);
                if (!string.IsNullOrEmpty(logPath))
                {
                    try
                    {
                        File.AppendAllText(logPath, entry);
                    }
                    catch (IOException ex)
                    {
                        // The assert must still reach the test host's listener (which throws), so no exception of ours.
                        Console.Error.WriteLine($"{LogVariable}: could not append to '{logPath}': {ex.Message}");
                    }
                }
            }
        }

        // Trace output is not a failure; the test host's listener handles it.
        public override void Write(string? message)
        {
        }

        public override void WriteLine(string? message)
        {
        }
    }
}
#endif
