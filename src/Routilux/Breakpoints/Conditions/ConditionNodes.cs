namespace Routilux;

/// <summary>
/// A node of a parsed condition that is true or false. Immutable, so one parsed condition may be evaluated by many
/// threads at once. Evaluation never throws: a comparison that cannot be made (ordering across kinds, a non-bool
/// where a bool is needed) sets <c>problem</c>, and once it is set every node answers false, so the whole condition
/// is false and the caller learns why. <c>ToString</c> writes the fully parenthesized form tests compare.
/// </summary>
internal abstract class ConditionNode
{
    public abstract bool Evaluate(in ConditionContext context, ref ConditionProblem problem);
}

internal sealed class OrNode(ConditionNode left, ConditionNode right) : ConditionNode
{
    public override bool Evaluate(in ConditionContext context, ref ConditionProblem problem) =>
        (left.Evaluate(context, ref problem) || right.Evaluate(context, ref problem)) && !problem.IsSet;

    public override string ToString() => $"({left} or {right})";
}

internal sealed class AndNode(ConditionNode left, ConditionNode right) : ConditionNode
{
    public override bool Evaluate(in ConditionContext context, ref ConditionProblem problem) =>
        left.Evaluate(context, ref problem) && right.Evaluate(context, ref problem) && !problem.IsSet;

    public override string ToString() => $"({left} and {right})";
}

internal sealed class NotNode(ConditionNode operand) : ConditionNode
{
    // Without the problem check, 'not (payload.name < 3)' would turn a failed comparison into a hit.
    public override bool Evaluate(in ConditionContext context, ref ConditionProblem problem) =>
        !operand.Evaluate(context, ref problem) && !problem.IsSet;

    public override string ToString() => $"(not {operand})";
}

/// <summary>An operand where a bool is needed (the whole condition, or a side of and/or/not): it must read a bool.</summary>
internal sealed class TruthNode(ConditionOperand operand) : ConditionNode
{
    public override bool Evaluate(in ConditionContext context, ref ConditionProblem problem)
    {
        var value = operand.Read(context, ref problem);
        if (value.Kind == ConditionValueKind.Bool)
        {
            return value.Bool && !problem.IsSet;
        }

        if (!problem.IsSet)
        {
            problem = ConditionProblem.NotABool(operand, value.Kind);
        }

        return false;
    }

    public override string ToString() => operand.ToString()!;
}

internal enum ComparisonOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// <summary>
/// <c>left op right</c>. Equality across kinds is simply false (<c>!=</c> true); ordering compares numbers with
/// numbers and strings with strings (ordinal), and anything else is a problem, not an exception.
/// </summary>
internal sealed class ComparisonNode(ComparisonOperator op, ConditionOperand left, ConditionOperand right) : ConditionNode
{
    public override bool Evaluate(in ConditionContext context, ref ConditionProblem problem)
    {
        var a = left.Read(context, ref problem);
        var b = right.Read(context, ref problem);
        if (problem.IsSet)
        {
            return false;
        }

        if (a.Kind is ConditionValueKind.Object or ConditionValueKind.Array || b.Kind is ConditionValueKind.Object or ConditionValueKind.Array)
        {
            problem = ConditionProblem.WholeContainer(this, a.Kind is ConditionValueKind.Object or ConditionValueKind.Array ? a.Kind : b.Kind);
            return false;
        }

        if (op is ComparisonOperator.Equal or ComparisonOperator.NotEqual)
        {
            return Equal(a, b) == (op == ComparisonOperator.Equal);
        }

        int order;
        if (a.Kind == ConditionValueKind.Number && b.Kind == ConditionValueKind.Number)
        {
            order = a.Number.CompareTo(b.Number);
        }
        else if (a.Kind == ConditionValueKind.String && b.Kind == ConditionValueKind.String)
        {
            order = string.CompareOrdinal(a.GetString(), b.GetString());
        }
        else
        {
            problem = ConditionProblem.Ordering(this, a.Kind, b.Kind);
            return false;
        }

        return op switch
        {
            ComparisonOperator.Less => order < 0,
            ComparisonOperator.LessOrEqual => order <= 0,
            ComparisonOperator.Greater => order > 0,
            _ => order >= 0,
        };
    }

    private static bool Equal(in ConditionValue a, in ConditionValue b)
    {
        if (a.Kind != b.Kind)
        {
            return false;
        }

        return a.Kind switch
        {
            ConditionValueKind.Null => true,
            ConditionValueKind.Bool => a.Bool == b.Bool,
            ConditionValueKind.Number => a.Number == b.Number,
            _ => a.StringEquals(b),
        };
    }

    public override string ToString() => $"{left} {Symbol(op)} {right}";

    public static string Symbol(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "==",
        ComparisonOperator.NotEqual => "!=",
        ComparisonOperator.Less => "<",
        ComparisonOperator.LessOrEqual => "<=",
        ComparisonOperator.Greater => ">",
        _ => ">=",
    };
}
