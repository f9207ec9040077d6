using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Routilux;

/// <summary>
/// A breakpoint condition written as text, in the small expression language of docs/breakpoint-conditions.md:
/// comparisons of payload fields and context names with literals, joined by <c>and</c>, <c>or</c>, <c>not</c>.
/// Parsing rejects everything else (calls, indexers, unknown names, oversized or deeply nested text) with a
/// <see cref="RoutiluxConditionException"/> that gives the column and the reason. Nothing is ever compiled or
/// reflected over: evaluation walks an immutable tree over the payload's JSON, so a parsed condition is safe to
/// share between threads and safe to accept from an untrusted client.
/// </summary>
[DebuggerDisplay("{Text,nq}")]
public sealed class BreakpointCondition
{
    /// <summary>The longest condition text accepted, in characters.</summary>
    public const int MaxLength = 1024;

    /// <summary>The deepest nesting of parentheses and <c>not</c> accepted.</summary>
    public const int MaxDepth = 32;

    /// <summary>The most parts (fields, literals, comparisons, and/or/not) a condition may have.</summary>
    public const int MaxNodes = 100;

    /// <summary>The most members a path may read after <c>payload</c>.</summary>
    public const int MaxPathMembers = 16;

    private readonly ConditionNode _root;

    private BreakpointCondition(string text, ConditionNode root)
    {
        Text = text;
        _root = root;
    }

    /// <summary>The condition's text as given.</summary>
    public string Text { get; }

    /// <summary>Parses a condition.</summary>
    /// <param name="text">The condition, for example <c>payload.total &gt; 100 and payload.customer.country == "FR"</c>.</param>
    /// <returns>The parsed condition.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="RoutiluxConditionException">The text is not a valid condition; the exception gives the column and the reason.</exception>
    public static BreakpointCondition Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new BreakpointCondition(text, ConditionParser.Parse(text));
    }

    /// <summary>Parses a condition without throwing for invalid text.</summary>
    /// <param name="text">The condition's text.</param>
    /// <param name="condition">The parsed condition, or null when the text is invalid.</param>
    /// <param name="error">Why the text is invalid (column and reason), or null when it parsed.</param>
    /// <returns>Whether the text is a valid condition.</returns>
    public static bool TryParse(
        string? text,
        [NotNullWhen(true)] out BreakpointCondition? condition,
        [NotNullWhen(false)] out RoutiluxConditionException? error)
    {
        if (text is null)
        {
            condition = null;
            error = new RoutiluxConditionException("", 1, "the condition is missing (null).");
            return false;
        }

        try
        {
            condition = Parse(text);
            error = null;
            return true;
        }
        catch (RoutiluxConditionException exception)
        {
            condition = null;
            error = exception;
            return false;
        }
    }

    /// <summary>Evaluates the condition over a payload alone; context names (job.id, routine...) read as null.</summary>
    /// <param name="payload">The payload as JSON.</param>
    /// <returns>Whether the condition holds.</returns>
    public bool Evaluate(JsonElement payload) => Evaluate(new ConditionContext(payload));

    /// <summary>Evaluates the condition; never throws.</summary>
    /// <param name="context">The payload and the names around it.</param>
    /// <returns>Whether the condition holds. A comparison that cannot be made makes it false (see the other overload for why).</returns>
    public bool Evaluate(in ConditionContext context)
    {
        // The reason is left as facts: formatting it here would allocate for every message a misconfigured condition sees.
        var found = default(ConditionProblem);
        return _root.Evaluate(context, ref found);
    }

    /// <summary>
    /// Evaluates the condition and says why it could not be decided: an ordering across kinds
    /// (<c>payload.name &lt; 3</c>), a non-bool where a bool is needed, or an object compared as a whole.
    /// Such a problem makes the whole condition false, even under <c>not</c>. Never throws.
    /// </summary>
    /// <param name="context">The payload and the names around it.</param>
    /// <param name="problem">Why the condition is false although it did not evaluate to false, or null.</param>
    /// <returns>Whether the condition holds.</returns>
    public bool Evaluate(in ConditionContext context, out string? problem)
    {
        var found = default(ConditionProblem);
        var result = _root.Evaluate(context, ref found);
        Debug.Assert(!found.IsSet || !result, "A problem always makes the condition false.");
        problem = found.Describe();
        return result;
    }

    /// <summary>The condition's text.</summary>
    /// <returns><see cref="Text"/>.</returns>
    public override string ToString() => Text;

    /// <summary>The parsed tree fully parenthesized, for tests of precedence.</summary>
    internal string Canonical => _root.ToString()!;
}
