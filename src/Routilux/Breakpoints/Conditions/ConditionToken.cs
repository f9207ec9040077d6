namespace Routilux;

/// <summary>The kinds of token a breakpoint condition is made of; anything else is rejected by the lexer.</summary>
internal enum ConditionTokenKind
{
    End,
    Identifier,
    Number,
    String,
    OpenParen,
    CloseParen,
    Dot,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    AndAnd,
    OrOr,
    Bang,
}

/// <summary>One token: its kind, where it starts (0-based), its length, and its value for identifiers, strings and numbers.</summary>
internal readonly record struct ConditionToken(ConditionTokenKind Kind, int Start, int Length, string? Text = null, double Number = 0)
{
    /// <summary>The 1-based column errors report.</summary>
    public int Column => Start + 1;

    public bool IsIdentifier(string word) => Kind == ConditionTokenKind.Identifier && string.Equals(Text, word, StringComparison.Ordinal);
}
