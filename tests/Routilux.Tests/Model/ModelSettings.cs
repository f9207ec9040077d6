using System.Globalization;

namespace Routilux.Tests.Model;

/// <summary>
/// The model test's modes, from environment variables:
/// <list type="bullet">
/// <item><c>ROUTILUX_MODEL_SEED=n</c> replays scenario n (with <c>ROUTILUX_MODEL_REDUCE=edits</c>, its reduced form) up to
/// <c>ROUTILUX_MODEL_REPEAT</c> times (default 20), stopping at the first failure.</item>
/// <item><c>ROUTILUX_MODEL_MINUTES</c> or <c>ROUTILUX_MODEL_SECONDS</c> sets the time budget of a random run (default 60 s:
/// the short run every <c>dotnet test</c> does).</item>
/// <item><c>ROUTILUX_MODEL_FIRST_SEED</c> starts the random run's seeds there (default: from the clock, printed).</item>
/// <item><c>ROUTILUX_MODEL_KEEP_GOING=1</c> goes on after a failure and lists every failing seed by violation kind.</item>
/// <item><c>ROUTILUX_MODEL_BOUND_SECONDS</c> is how long anything may take to end before it counts as hung (default 10).</item>
/// <item><c>ROUTILUX_MODEL_REDUCE_SECONDS</c> bounds the reducer (default 90).</item>
/// <item><c>ROUTILUX_MODEL_REPORT=path</c> appends a one-line summary of the run to that file.</item>
/// </list>
/// </summary>
internal sealed record ModelSettings(
    int? ReplaySeed,
    string[] ReplayEdits,
    int Repeat,
    TimeSpan Budget,
    int FirstSeed,
    bool KeepGoing,
    TimeSpan Bound,
    TimeSpan ReduceBudget,
    string? ReportPath)
{
    public static ModelSettings FromEnvironment()
    {
        var minutes = Number("ROUTILUX_MODEL_MINUTES");
        var seconds = Number("ROUTILUX_MODEL_SECONDS");
        var budget = minutes is { } m ? TimeSpan.FromMinutes(m) : TimeSpan.FromSeconds(seconds ?? 60);
        var edits = Environment.GetEnvironmentVariable("ROUTILUX_MODEL_REDUCE") is { Length: > 0 } text
            ? text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];
        return new ModelSettings(
            (int?)Number("ROUTILUX_MODEL_SEED"),
            edits,
            (int)(Number("ROUTILUX_MODEL_REPEAT") ?? 20),
            budget,
            (int?)Number("ROUTILUX_MODEL_FIRST_SEED") ?? Environment.TickCount & 0x3fffffff,
            Environment.GetEnvironmentVariable("ROUTILUX_MODEL_KEEP_GOING") == "1",
            TimeSpan.FromSeconds(Number("ROUTILUX_MODEL_BOUND_SECONDS") ?? 10),
            TimeSpan.FromSeconds(Number("ROUTILUX_MODEL_REDUCE_SECONDS") ?? 90),
            Environment.GetEnvironmentVariable("ROUTILUX_MODEL_REPORT"));
    }

    /// <summary>The command that replays a scenario, reduced by <paramref name="edits"/>.</summary>
    public static string ReplayCommand(int seed, IReadOnlyCollection<string> edits) =>
        (edits.Count == 0 ? string.Empty : $"ROUTILUX_MODEL_REDUCE={string.Join(",", edits)} ") +
        $"ROUTILUX_MODEL_SEED={seed.ToString(CultureInfo.InvariantCulture)} dotnet test tests/Routilux.Tests -c Release --filter FullyQualifiedName~RuntimeModelTests";

    private static double? Number(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } text ? double.Parse(text, CultureInfo.InvariantCulture) : null;
}
