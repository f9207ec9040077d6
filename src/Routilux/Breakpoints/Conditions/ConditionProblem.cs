using System.Text.Json;

namespace Routilux;

internal enum ConditionProblemKind
{
    None,
    NotABool,
    Ordering,
    WholeContainer,
    NumberOutOfRange,
}

/// <summary>
/// Why a condition could not be decided, kept as facts and turned into a sentence only when someone asks: a
/// misconfigured condition is evaluated for every message, and must not allocate its reason each time.
/// The first problem found wins; the default value is "no problem".
/// </summary>
internal readonly struct ConditionProblem
{
    public readonly ConditionProblemKind Kind;

    // The node or operand the problem is about; its ToString is the text shown.
    public readonly object? Source;
    public readonly ConditionValueKind Left;
    public readonly ConditionValueKind Right;

    // The payload number a double cannot hold (NumberOutOfRange only).
    public readonly JsonElement Number;

    private ConditionProblem(ConditionProblemKind kind, object? source, ConditionValueKind left, ConditionValueKind right, JsonElement number)
    {
        Kind = kind;
        Source = source;
        Left = left;
        Right = right;
        Number = number;
    }

    public bool IsSet => Kind != ConditionProblemKind.None;

    public static ConditionProblem NotABool(ConditionOperand operand, ConditionValueKind kind) =>
        new(ConditionProblemKind.NotABool, operand, kind, kind, default);

    public static ConditionProblem Ordering(ConditionNode comparison, ConditionValueKind left, ConditionValueKind right) =>
        new(ConditionProblemKind.Ordering, comparison, left, right, default);

    public static ConditionProblem WholeContainer(ConditionNode comparison, ConditionValueKind container) =>
        new(ConditionProblemKind.WholeContainer, comparison, container, container, default);

    public static ConditionProblem NumberOutOfRange(JsonElement number) =>
        new(ConditionProblemKind.NumberOutOfRange, null, ConditionValueKind.Number, ConditionValueKind.Number, number);

    public string? Describe() => Kind switch
    {
        ConditionProblemKind.None => null,
        ConditionProblemKind.NotABool => $"{Source} is {Name(Left)}, not a bool; compare it (for example {Source} == true)",
        ConditionProblemKind.Ordering =>
            $"'{Source}' orders {Name(Left)} against {Name(Right)}; '<', '<=', '>' and '>=' compare two numbers or two strings",
        ConditionProblemKind.WholeContainer => $"'{Source}' compares {Name(Left)}; compare one of its members, or its .length",
        _ => $"the payload number {Number.GetRawText()} is out of a double's range",
    };

    public static string Name(ConditionValueKind kind) => kind switch
    {
        ConditionValueKind.Null => "null",
        ConditionValueKind.Bool => "a bool",
        ConditionValueKind.Number => "a number",
        ConditionValueKind.String => "a string",
        ConditionValueKind.Object => "an object",
        _ => "an array",
    };
}
