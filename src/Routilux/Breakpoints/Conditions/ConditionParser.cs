namespace Routilux;

/// <summary>
/// Recursive descent over the grammar in docs/breakpoint-conditions.md, one method per rule. It pulls tokens from the
/// lexer one at a time and stops at the first problem, so the error is the leftmost one. Limits on length, depth
/// and node count bound the work and the stack an untrusted condition (from HTTP) can cost.
/// </summary>
internal sealed class ConditionParser
{
    private readonly string _text;
    private readonly ConditionLexer _lexer;
    private ConditionToken _current;

    // Open parentheses and 'not's around the current position; bounded by BreakpointCondition.MaxDepth.
    private int _depth;

    // Nodes and operands built so far; bounded by BreakpointCondition.MaxNodes.
    private int _nodes;

    private ConditionParser(string text)
    {
        _text = text;
        _lexer = new ConditionLexer(text);
        _current = _lexer.Next();
    }

    public static ConditionNode Parse(string text)
    {
        if (text.Length > BreakpointCondition.MaxLength)
        {
            throw new RoutiluxConditionException(text, BreakpointCondition.MaxLength + 1,
                $"the condition is {text.Length} characters long; the limit is {BreakpointCondition.MaxLength}.");
        }

        var parser = new ConditionParser(text);
        if (parser._current.Kind == ConditionTokenKind.End)
        {
            throw parser.Error(1, "the condition is empty; write a comparison such as payload.total > 100.");
        }

        var root = parser.ParseOr();
        if (parser._current.Kind != ConditionTokenKind.End)
        {
            throw parser._current.Kind == ConditionTokenKind.CloseParen
                ? parser.Error(parser._current.Column, "')' has no matching '('.")
                : parser.Error(parser._current.Column, $"unexpected {parser.Describe(parser._current)} after a complete condition; join conditions with 'and' / 'or'.");
        }

        parser.AssertInvariants();
        System.Diagnostics.Debug.Assert(parser._depth == 0, "Every '(' and 'not' entered was left.");
        return root;
    }

    [System.Diagnostics.Conditional("DEBUG")]
    private void AssertInvariants()
    {
        System.Diagnostics.Debug.Assert(_depth >= 0 && _depth <= BreakpointCondition.MaxDepth, "Depth stays within its limit.");
        System.Diagnostics.Debug.Assert(_nodes >= 0 && _nodes <= BreakpointCondition.MaxNodes, "Node count stays within its limit.");
    }

    private ConditionNode ParseOr()
    {
        var left = ParseAnd();
        while (_current.IsIdentifier("or") || _current.Kind == ConditionTokenKind.OrOr)
        {
            Advance();
            left = Count(new OrNode(left, ParseAnd()));
        }

        return left;
    }

    private ConditionNode ParseAnd()
    {
        var left = ParseUnary();
        while (_current.IsIdentifier("and") || _current.Kind == ConditionTokenKind.AndAnd)
        {
            Advance();
            left = Count(new AndNode(left, ParseUnary()));
        }

        return left;
    }

    private ConditionNode ParseUnary()
    {
        if (_current.IsIdentifier("not") || _current.Kind == ConditionTokenKind.Bang)
        {
            Enter(_current);
            Advance();
            var operand = ParseUnary();
            _depth--;
            AssertInvariants();
            return Count(new NotNode(operand));
        }

        if (_current.Kind == ConditionTokenKind.OpenParen)
        {
            var open = _current;
            Enter(open);
            Advance();
            var inner = ParseOr();
            if (_current.Kind != ConditionTokenKind.CloseParen)
            {
                throw Error(_current.Column, $"expected ')' to close the '(' at column {open.Column}, found {Describe(_current)}.");
            }

            Advance();
            _depth--;
            return inner;
        }

        return ParseComparison();
    }

    private ConditionNode ParseComparison()
    {
        var leftToken = _current;
        var left = ParseOperand();
        if (!TryComparisonOperator(out var op))
        {
            if (left is LiteralOperand { Value.Kind: not ConditionValueKind.Bool })
            {
                throw Error(leftToken.Column, $"{left} alone is not a condition; compare it, for example payload.value == {left}.");
            }

            // Not counted: it only marks where its operand, already counted, stands.
            return new TruthNode(left);
        }

        Advance();
        var right = ParseOperand();
        if (TryComparisonOperator(out _))
        {
            throw Error(_current.Column, "comparisons do not chain; write a < b and b < c.");
        }

        return Count(new ComparisonNode(op, left, right));
    }

    private ConditionOperand ParseOperand()
    {
        var token = _current;
        switch (token.Kind)
        {
            case ConditionTokenKind.Number:
                Advance();
                return Count(new LiteralOperand(ConditionValue.Of(token.Number), token.Number.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
            case ConditionTokenKind.String:
                Advance();
                return Count(new LiteralOperand(ConditionValue.Of(token.Text), _text.Substring(token.Start, token.Length)));
            case ConditionTokenKind.Identifier:
                return ParseIdentifier(token);
            case ConditionTokenKind.End:
                throw Error(token.Column, "the condition ends where a field or a literal was expected.");
            default:
                throw Error(token.Column, $"expected a field or a literal, found {Describe(token)}.");
        }
    }

    private ConditionOperand ParseIdentifier(ConditionToken token)
    {
        // Rejected before reading on, so the error is this identifier and not whatever the next token is.
        switch (token.Text)
        {
            case "new" or "typeof" or "nameof" or "default" or "sizeof" or "this" or "base":
                throw Error(token.Column, $"'{token.Text}' is not allowed: a condition only reads fields and compares them with literals.");
            case "and" or "or" or "not":
                throw Error(token.Column, $"'{token.Text}' needs a condition on each side; a field or a literal was expected here.");
            case not ("true" or "false" or "null" or "payload" or "worker" or "routine" or "slot" or "attempt" or "job"):
                throw Error(token.Column,
                    $"unknown identifier '{token.Text}'; a condition reads payload, payload.member..., job.id, worker, routine, slot or attempt (keywords are lowercase).");
        }

        Advance();
        switch (token.Text)
        {
            case "true": return AfterOperand(new LiteralOperand(ConditionValue.Of(true), "true"));
            case "false": return AfterOperand(new LiteralOperand(ConditionValue.Of(false), "false"));
            case "null": return AfterOperand(new LiteralOperand(ConditionValue.Null, "null"));
            case "payload": return AfterOperand(new PathOperand(ConditionRoot.Payload, ParseMembers()));
            case "worker": return AfterOperand(new PathOperand(ConditionRoot.Worker, []));
            case "routine": return AfterOperand(new PathOperand(ConditionRoot.Routine, []));
            case "slot": return AfterOperand(new PathOperand(ConditionRoot.Slot, []));
            case "attempt": return AfterOperand(new PathOperand(ConditionRoot.Attempt, []));
            case "job":
                if (_current.Kind != ConditionTokenKind.Dot)
                {
                    throw Error(_current.Column, "'job' is read as job.id.");
                }

                Advance();
                if (!_current.IsIdentifier("id"))
                {
                    throw Error(_current.Column, $"'job' has one field, id; found {Describe(_current)}.");
                }

                Advance();
                return AfterOperand(new PathOperand(ConditionRoot.JobId, []));
            default:
                throw new InvalidOperationException("Unreachable: identifiers are checked above.");
        }
    }

    private string[] ParseMembers()
    {
        var members = new List<string>();
        while (_current.Kind == ConditionTokenKind.Dot)
        {
            Advance();
            if (_current.Kind != ConditionTokenKind.Identifier)
            {
                throw Error(_current.Column, $"expected a member name after '.', found {Describe(_current)}.");
            }

            if (members.Count == BreakpointCondition.MaxPathMembers)
            {
                throw Error(_current.Column, $"a path may have at most {BreakpointCondition.MaxPathMembers} members.");
            }

            members.Add(_current.Text!);
            Advance();
        }

        return [.. members];
    }

    // What may follow an operand is a comparison, and/or, ')' or the end; '(' and '.' here are the shapes of code.
    private ConditionOperand AfterOperand(ConditionOperand operand)
    {
        if (_current.Kind == ConditionTokenKind.OpenParen)
        {
            throw Error(_current.Column, $"method calls are not allowed ('(' after {operand}); a condition only reads fields.");
        }

        if (_current.Kind == ConditionTokenKind.Dot)
        {
            throw Error(_current.Column, $"{operand} has no members; only payload is read with '.'.");
        }

        return Count(operand);
    }

    private bool TryComparisonOperator(out ComparisonOperator op)
    {
        op = _current.Kind switch
        {
            ConditionTokenKind.Equal => ComparisonOperator.Equal,
            ConditionTokenKind.NotEqual => ComparisonOperator.NotEqual,
            ConditionTokenKind.Less => ComparisonOperator.Less,
            ConditionTokenKind.LessOrEqual => ComparisonOperator.LessOrEqual,
            ConditionTokenKind.Greater => ComparisonOperator.Greater,
            ConditionTokenKind.GreaterOrEqual => ComparisonOperator.GreaterOrEqual,
            _ => (ComparisonOperator)(-1),
        };
        return (int)op >= 0;
    }

    private void Enter(ConditionToken token)
    {
        if (++_depth > BreakpointCondition.MaxDepth)
        {
            throw Error(token.Column, $"the condition nests deeper than {BreakpointCondition.MaxDepth} parentheses or 'not's.");
        }
    }

    private T Count<T>(T node)
    {
        if (++_nodes > BreakpointCondition.MaxNodes)
        {
            throw Error(_current.Column, $"the condition has more than {BreakpointCondition.MaxNodes} parts (fields, literals and operators); split it.");
        }

        return node;
    }

    private void Advance() => _current = _lexer.Next();

    private string Describe(ConditionToken token) => token.Kind switch
    {
        ConditionTokenKind.End => "the end of the condition",
        ConditionTokenKind.Identifier => $"'{token.Text}'",
        ConditionTokenKind.Number or ConditionTokenKind.String => "a literal",
        _ => $"'{_text.Substring(token.Start, token.Length)}'",
    };

    private RoutiluxConditionException Error(int column, string reason) => _lexer.Error(column - 1, reason);
}
