namespace Routilux.Tests.Conditions;

/// <summary>Text the language rejects at parse time: each case names the 1-based column and a fragment of the reason.</summary>
public class ConditionRejectionTests
{
    public static TheoryData<string, int, string> Rejected => new()
    {
        // Code shapes: calls, indexers, assignment, lambdas, object creation, reflection.
        { "payload.name.ToUpper() == \"A\"", 21, "method calls are not allowed" },
        { "payload.items.any(x => x.ok)", 18, "method calls are not allowed" },
        { "exit()", 1, "unknown identifier 'exit'" },
        { "payload.items[0] == 1", 14, "indexers" },
        { "payload[\"name\"] == 1", 8, "indexers" },
        { "payload.total = 5", 15, "assignment ('=') is not allowed" },
        { "payload.x == 1 and x => true", 20, "unknown identifier 'x'" },
        { "payload => true", 9, "lambdas" },
        { "new Order() == null", 1, "'new' is not allowed" },
        { "typeof(payload) == null", 1, "'typeof' is not allowed" },
        { "job.id()", 7, "method calls are not allowed" },

        // Names: only the known roots, lowercase.
        { "customer.name == \"x\"", 1, "unknown identifier 'customer'" },
        { "Payload.id == 1", 1, "unknown identifier 'Payload'" },
        { "payload.id == TRUE", 15, "unknown identifier 'TRUE'" },
        { "job == 1", 5, "'job' is read as job.id" },
        { "job.name == 1", 5, "'job' has one field, id" },
        { "routine.id == \"x\"", 8, "routine has no members" },
        { "payload. == 1", 10, "expected a member name after '.'" },

        // Operators and characters outside the grammar.
        { "payload.id + 1 == 2", 12, "no arithmetic" },
        { "payload.id - 1 == 2", 12, "'-' is allowed only as the sign" },
        { "payload.a & payload.b", 11, "unknown operator '&'" },
        { "payload.a ? 1 : 2", 11, "unknown operator or character '?'" },
        { "payload.id < 1 < 2", 16, "comparisons do not chain" },
        { "payload.id === 1", 14, "assignment" },
        { "payload.id == 1; payload.id == 2", 16, "semicolons" },
        { "payload.id == 1 // note", 17, "comments" },
        { "/* note */ true", 1, "comments" },
        { "payload.name == `x`", 17, "backticks" },
        { "payload.name == 'x'", 17, "double quotes" },
        { "payload.id == $\"{1}\"", 15, "unknown operator or character '$'" },

        // Literals.
        { "payload.name == \"abc", 17, "unterminated string" },
        { "payload.name == \"a\\qb\"", 19, "bad escape" },
        { "payload.name == \"\\u12G4\"", 18, "four hex digits" },
        { "payload.total > 1e999", 17, "number out of range" },
        { "payload.total > 1.", 18, "decimal point must be followed by digits" },
        { "payload.total > 2e", 18, "exponent must have digits" },
        { "payload.total > 12abc", 19, "right after a number" },
        { "payload.total > - 5", 17, "only as the sign" },
        { "42", 1, "alone is not a condition" },
        { "\"yes\" and true", 1, "alone is not a condition" },

        // Structure.
        { "", 1, "the condition is empty" },
        { "   \t ", 1, "the condition is empty" },
        { "payload.id == 1 payload.id == 2", 17, "after a complete condition" },
        { "payload.id == 1)", 16, "')' has no matching '('" },
        { "(payload.id == 1", 17, "expected ')' to close the '(' at column 1" },
        { "payload.id ==", 14, "ends where a field or a literal was expected" },
        { "payload.id == 1 and", 20, "ends where a field or a literal was expected" },
        { "and payload.x", 1, "'and' needs a condition on each side" },
        { "payload.x == ()", 14, "expected a field or a literal, found '('" },
        { "()", 2, "expected a field or a literal, found ')'" },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public void Rejected_text_names_the_column_and_the_reason(string text, int column, string reason)
    {
        var error = Assert.Throws<RoutiluxConditionException>(() => BreakpointCondition.Parse(text));

        Assert.Equal(column, error.Column);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.Contains($"column {column}:", error.Message, StringComparison.Ordinal);
        Assert.Equal(text, error.ConditionText);
        Assert.IsAssignableFrom<FormatException>(error);

        Assert.False(BreakpointCondition.TryParse(text, out var condition, out var tried));
        Assert.Null(condition);
        Assert.Equal(error.Message, tried.Message);
    }

    [Fact]
    public void Text_longer_than_the_limit_is_rejected_before_it_is_read()
    {
        var text = "payload.name == \"" + new string('x', BreakpointCondition.MaxLength) + "\"";

        var error = Assert.Throws<RoutiluxConditionException>(() => BreakpointCondition.Parse(text));

        Assert.Equal(BreakpointCondition.MaxLength + 1, error.Column);
        Assert.Contains("the limit is 1024", error.Reason, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 400, "the message does not echo the whole input");
    }

    [Fact]
    public void The_longest_text_allowed_parses()
    {
        var text = "payload.name == \"" + new string('x', BreakpointCondition.MaxLength - 18) + "\"";
        Assert.Equal(BreakpointCondition.MaxLength, text.Length);

        Assert.Equal(text, BreakpointCondition.Parse(text).Text);
    }

    [Theory]
    [InlineData("(", ")")]
    [InlineData("not ", "")]
    [InlineData("!", "")]
    public void Nesting_deeper_than_the_limit_is_rejected_where_it_goes_too_deep(string open, string close)
    {
        string Nested(int depth) => string.Concat(Enumerable.Repeat(open, depth)) + "true" + string.Concat(Enumerable.Repeat(close, depth));

        Assert.True(BreakpointCondition.Parse(Nested(BreakpointCondition.MaxDepth)).Evaluate(default(System.Text.Json.JsonElement)) ^ (open != "(" && BreakpointCondition.MaxDepth % 2 == 1));

        var error = Assert.Throws<RoutiluxConditionException>(() => BreakpointCondition.Parse(Nested(BreakpointCondition.MaxDepth + 1)));
        Assert.Equal((open.Length * BreakpointCondition.MaxDepth) + 1, error.Column);
        Assert.Contains("nests deeper than 32", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void More_parts_than_the_limit_are_rejected()
    {
        // n literals joined by n-1 'or's are 2n-1 parts: 50 literals fit, 51 do not.
        string Chain(int literals) => string.Join("||", Enumerable.Repeat("true", literals));

        Assert.True(BreakpointCondition.Parse(Chain(50)).Evaluate(default(System.Text.Json.JsonElement)));
        var error = Assert.Throws<RoutiluxConditionException>(() => BreakpointCondition.Parse(Chain(51)));
        Assert.Contains("more than 100 parts", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_longer_than_the_limit_is_rejected()
    {
        var text = "payload" + string.Concat(Enumerable.Repeat(".a", BreakpointCondition.MaxPathMembers + 1)) + " == 1";

        var error = Assert.Throws<RoutiluxConditionException>(() => BreakpointCondition.Parse(text));

        Assert.Equal(8 + (2 * BreakpointCondition.MaxPathMembers) + 1, error.Column);
        Assert.Contains("at most 16 members", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_text_is_an_argument_error_for_Parse_and_a_false_for_TryParse()
    {
        Assert.Throws<ArgumentNullException>(() => BreakpointCondition.Parse(null!));
        Assert.False(BreakpointCondition.TryParse(null, out _, out var error));
        Assert.Contains("missing", error.Reason, StringComparison.Ordinal);
    }
}
