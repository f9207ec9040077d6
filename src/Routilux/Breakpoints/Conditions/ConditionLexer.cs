using System.Globalization;

namespace Routilux;

/// <summary>
/// Cuts a condition's text into tokens on demand, so errors come in the order of the text: the first problem
/// reported is the leftmost one. Every character outside the grammar is rejected here with a reason that names
/// what it would have meant (indexer, assignment, comment...), because "unexpected character" helps nobody.
/// </summary>
internal sealed class ConditionLexer
{
    private readonly string _text;

    // Index of the next character to read; only moves forward.
    private int _position;

    public ConditionLexer(string text)
    {
        _text = text;
    }

    public ConditionToken Next()
    {
        while (_position < _text.Length && IsWhiteSpace(_text[_position]))
        {
            _position++;
        }

        if (_position >= _text.Length)
        {
            return new ConditionToken(ConditionTokenKind.End, _text.Length, 0);
        }

        var start = _position;
        var c = _text[start];
        if (IsIdentifierStart(c))
        {
            return Identifier(start);
        }

        if (IsDigit(c) || (c == '-' && start + 1 < _text.Length && IsDigit(_text[start + 1])))
        {
            return NumberLiteral(start);
        }

        return c switch
        {
            '"' => StringLiteral(start),
            '(' => Single(ConditionTokenKind.OpenParen, 1),
            ')' => Single(ConditionTokenKind.CloseParen, 1),
            '.' => Single(ConditionTokenKind.Dot, 1),
            '=' when Peek(1) == '=' => Single(ConditionTokenKind.Equal, 2),
            '=' when Peek(1) == '>' => throw Error(start, "lambdas ('=>') are not allowed; a condition compares fields with literals."),
            '=' => throw Error(start, "assignment ('=') is not allowed; use '==' to compare."),
            '!' when Peek(1) == '=' => Single(ConditionTokenKind.NotEqual, 2),
            '!' => Single(ConditionTokenKind.Bang, 1),
            '<' when Peek(1) == '=' => Single(ConditionTokenKind.LessOrEqual, 2),
            '<' => Single(ConditionTokenKind.Less, 1),
            '>' when Peek(1) == '=' => Single(ConditionTokenKind.GreaterOrEqual, 2),
            '>' => Single(ConditionTokenKind.Greater, 1),
            '&' when Peek(1) == '&' => Single(ConditionTokenKind.AndAnd, 2),
            '|' when Peek(1) == '|' => Single(ConditionTokenKind.OrOr, 2),
            '[' or ']' => throw Error(start, "indexers ('[') are not allowed; read a member with '.name', or an array's or string's size with '.length'."),
            '\'' => throw Error(start, "strings are written in double quotes (\"text\"), not single quotes."),
            '`' => throw Error(start, "backticks are not allowed; strings are written in double quotes."),
            ';' => throw Error(start, "semicolons are not allowed; a condition is one expression, combine parts with 'and' / 'or'."),
            '/' when Peek(1) is '/' or '*' => throw Error(start, "comments are not allowed in a condition."),
            '-' => throw Error(start, "'-' is allowed only as the sign of a number literal (-5); there is no arithmetic."),
            '+' or '*' or '/' or '%' => throw Error(start, $"unknown operator '{c}': there is no arithmetic; a condition compares fields with literals."),
            '&' or '|' => throw Error(start, $"unknown operator '{c}'; use 'and' / 'or' (or '&&' / '||')."),
            _ => throw Error(start, $"unknown operator or character '{Printable(c)}'; a condition uses fields, literals, == != < <= > >=, and, or, not and parentheses."),
        };
    }

    private ConditionToken Single(ConditionTokenKind kind, int length)
    {
        var token = new ConditionToken(kind, _position, length);
        _position += length;
        return token;
    }

    private char Peek(int ahead) => _position + ahead < _text.Length ? _text[_position + ahead] : '\0';

    private ConditionToken Identifier(int start)
    {
        var end = start + 1;
        while (end < _text.Length && IsIdentifierPart(_text[end]))
        {
            end++;
        }

        _position = end;
        return new ConditionToken(ConditionTokenKind.Identifier, start, end - start, _text[start..end]);
    }

    // JSON's number syntax, so a literal means what the payload's numbers mean: -?digits(.digits)?([eE][+-]?digits)?
    private ConditionToken NumberLiteral(int start)
    {
        var end = start;
        if (_text[end] == '-')
        {
            end++;
        }

        end = Digits(end);
        if (end < _text.Length && _text[end] == '.')
        {
            if (end + 1 >= _text.Length || !IsDigit(_text[end + 1]))
            {
                throw Error(end, "a number's decimal point must be followed by digits (write 1.0, not 1.).");
            }

            end = Digits(end + 1);
        }

        if (end < _text.Length && _text[end] is 'e' or 'E')
        {
            var exponent = end + 1;
            if (exponent < _text.Length && _text[exponent] is '+' or '-')
            {
                exponent++;
            }

            if (exponent >= _text.Length || !IsDigit(_text[exponent]))
            {
                throw Error(end, "a number's exponent must have digits (write 1e5).");
            }

            end = Digits(exponent);
        }

        if (end < _text.Length && IsIdentifierPart(_text[end]))
        {
            throw Error(end, $"unexpected '{_text[end]}' right after a number; numbers are decimal, like 42, -1.5 or 2e3.");
        }

        var value = double.Parse(_text.AsSpan(start, end - start), NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(value))
        {
            throw Error(start, "number out of range (beyond a double's ±1.7e308).");
        }

        _position = end;
        return new ConditionToken(ConditionTokenKind.Number, start, end - start, Number: value);
    }

    private int Digits(int from)
    {
        while (from < _text.Length && IsDigit(_text[from]))
        {
            from++;
        }

        return from;
    }

    private ConditionToken StringLiteral(int start)
    {
        var builder = new System.Text.StringBuilder();
        var i = start + 1;
        while (true)
        {
            if (i >= _text.Length)
            {
                throw Error(start, "unterminated string: add the closing '\"'.");
            }

            var c = _text[i];
            if (c == '"')
            {
                break;
            }

            if (c != '\\')
            {
                builder.Append(c);
                i++;
                continue;
            }

            var escape = i + 1 < _text.Length ? _text[i + 1] : '\0';
            switch (escape)
            {
                case '"': builder.Append('"'); i += 2; break;
                case '\\': builder.Append('\\'); i += 2; break;
                case 'n': builder.Append('\n'); i += 2; break;
                case 't': builder.Append('\t'); i += 2; break;
                case 'r': builder.Append('\r'); i += 2; break;
                case 'u':
                    if (i + 6 > _text.Length || !ushort.TryParse(_text.AsSpan(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        throw Error(i, "bad escape: '\\u' must be followed by four hex digits (\\u00e9).");
                    }

                    builder.Append((char)code);
                    i += 6;
                    break;
                default:
                    throw Error(i, "bad escape: a string may use \\\" \\\\ \\n \\r \\t and \\uXXXX only.");
            }
        }

        _position = i + 1;
        return new ConditionToken(ConditionTokenKind.String, start, _position - start, builder.ToString());
    }

    public RoutiluxConditionException Error(int index, string reason) => new(_text, index + 1, reason);

    private static string Printable(char c) => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString();

    private static bool IsWhiteSpace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static bool IsIdentifierStart(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_';

    private static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || IsDigit(c);
}
