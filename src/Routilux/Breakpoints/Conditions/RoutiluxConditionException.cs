namespace Routilux;

/// <summary>
/// A breakpoint condition's text was rejected by <see cref="BreakpointCondition.Parse"/>: the message names the
/// 1-based column and the reason, so the caller (often an HTTP client) can point at the offending character.
/// It is a <see cref="FormatException"/> because the input's format is wrong, not the program's state.
/// </summary>
public sealed class RoutiluxConditionException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="conditionText">The condition's text as given (shortened in the message when long).</param>
    /// <param name="column">The 1-based column of the first character that made the text invalid.</param>
    /// <param name="reason">Why the text is invalid and what to write instead, as one sentence.</param>
    public RoutiluxConditionException(string conditionText, int column, string reason)
        : base($"Breakpoint condition rejected at column {column}: {reason} Condition: {Shorten(conditionText)}")
    {
        ConditionText = conditionText;
        Column = column;
        Reason = reason;
    }

    /// <summary>The condition's text as given.</summary>
    public string ConditionText { get; }

    /// <summary>The 1-based column of the first character that made the text invalid.</summary>
    public int Column { get; }

    /// <summary>Why the text is invalid, without the column.</summary>
    public string Reason { get; }

    // An oversized input is itself one of the rejections; echoing 100 KB of it into a log line helps nobody.
    private static string Shorten(string text) =>
        text.Length <= 120 ? text : string.Concat(text.AsSpan(0, 120), "...");
}
