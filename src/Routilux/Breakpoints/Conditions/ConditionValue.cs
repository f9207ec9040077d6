using System.Diagnostics;
using System.Text.Json;

namespace Routilux;

/// <summary>The kind of a value an operand reads; comparisons look at kinds before values.</summary>
internal enum ConditionValueKind
{
    Null,
    Bool,
    Number,
    String,

    // Objects and arrays can be read (a path may stop at one) but not compared: there is no structural equality.
    Object,
    Array,
}

/// <summary>
/// One operand's value. A string is either a literal (<see cref="Text"/>) or still inside the payload
/// (<see cref="Element"/>), so comparing a payload string with a literal does not copy it out.
/// </summary>
internal readonly struct ConditionValue
{
    // The default value is null: a missing member, a null literal, an unset context name.
    public static readonly ConditionValue Null;

    public readonly ConditionValueKind Kind;
    public readonly bool Bool;
    public readonly double Number;
    public readonly string? Text;
    public readonly JsonElement Element;

    private ConditionValue(ConditionValueKind kind, bool flag, double number, string? text, JsonElement element)
    {
        Kind = kind;
        Bool = flag;
        Number = number;
        Text = text;
        Element = element;
        Debug.Assert(kind != ConditionValueKind.String || text is not null || element.ValueKind == JsonValueKind.String, "A string value has its text or its element.");
    }

    public static ConditionValue Of(bool value) => new(ConditionValueKind.Bool, value, 0, null, default);

    public static ConditionValue Of(double value) => new(ConditionValueKind.Number, false, value, null, default);

    public static ConditionValue Of(string? value) =>
        value is null ? Null : new(ConditionValueKind.String, false, 0, value, default);

    /// <summary>Reads a JSON value; a number a double cannot hold is reported through <paramref name="problem"/>.</summary>
    public static ConditionValue Of(JsonElement element, ref ConditionProblem problem) => element.ValueKind switch
    {
        JsonValueKind.True => Of(true),
        JsonValueKind.False => Of(false),
        JsonValueKind.String => new(ConditionValueKind.String, false, 0, null, element),
        JsonValueKind.Number when element.TryGetDouble(out var number) && double.IsFinite(number) => Of(number),
        JsonValueKind.Number => Fail(ref problem, element),
        JsonValueKind.Object => new(ConditionValueKind.Object, false, 0, null, element),
        JsonValueKind.Array => new(ConditionValueKind.Array, false, 0, null, element),
        _ => Null,
    };

    /// <summary>The string's text; copies it out of the payload when it is there.</summary>
    public string GetString()
    {
        Debug.Assert(Kind == ConditionValueKind.String, "Only strings have text.");
        return Text ?? Element.GetString()!;
    }

    public bool StringEquals(in ConditionValue other)
    {
        Debug.Assert(Kind == ConditionValueKind.String && other.Kind == ConditionValueKind.String, "Both are strings.");
        if (Text is not null && other.Text is not null)
        {
            return string.Equals(Text, other.Text, StringComparison.Ordinal);
        }

        return Text is not null ? other.Element.ValueEquals(Text)
            : other.Text is not null ? Element.ValueEquals(other.Text)
            : string.Equals(GetString(), other.GetString(), StringComparison.Ordinal);
    }

    private static ConditionValue Fail(ref ConditionProblem problem, JsonElement number)
    {
        if (!problem.IsSet)
        {
            problem = ConditionProblem.NumberOutOfRange(number);
        }

        return Null;
    }
}
