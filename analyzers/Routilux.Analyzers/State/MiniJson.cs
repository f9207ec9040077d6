using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Routilux.Analyzers.State;

/// <summary>A JSON value read by <see cref="MiniJson"/>: an object (members in file order), a string, or any other token as text.</summary>
/// <param name="Kind">What the value is.</param>
/// <param name="Text">The string's value, or the raw text of a number or literal; empty for objects and arrays.</param>
/// <param name="Members">The object's members in file order; empty for anything else.</param>
/// <param name="Position">Where the value starts in the text, for error messages.</param>
internal sealed record JsonValueNode(JsonValueKind Kind, string Text, IReadOnlyList<JsonMember> Members, int Position);

/// <summary>A member of a JSON object: its name, where the name starts, and its value.</summary>
internal sealed record JsonMember(string Key, int KeyPosition, JsonValueNode Value);

internal enum JsonValueKind
{
    Object,
    Array,
    String,
    Number,
    Literal,
}

/// <summary>Bad JSON, or JSON that is not a shape file, at a position of the text.</summary>
internal sealed class ShapeFileException : Exception
{
    public ShapeFileException(string message, int position)
        : base(message) => Position = position;

    public ShapeFileException()
    {
    }

    public ShapeFileException(string message)
        : base(message)
    {
    }

    public ShapeFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Position { get; }
}

/// <summary>
/// A strict reader of standard JSON (RFC 8259) into <see cref="JsonValueNode"/>s. Analyzers load into every
/// compiler and IDE, where System.Text.Json is not available on netstandard2.0 without shipping it beside them and
/// risking a version clash with the host's copy; the shape file is small and written by the code fixes, so a
/// hundred lines of reading keep the analyzers free of dependencies. Duplicate member names are refused.
/// </summary>
internal ref struct MiniJson
{
    private readonly string _text;
    private int _position;

    private MiniJson(string text)
    {
        _text = text;
        _position = 0;
    }

    public static JsonValueNode Parse(string text)
    {
        var reader = new MiniJson(text);
        reader.SkipWhiteSpace();
        if (reader._position < text.Length && text[reader._position] == '\uFEFF')
        {
            reader._position++;
            reader.SkipWhiteSpace();
        }

        var value = reader.ReadValue(depth: 0);
        reader.SkipWhiteSpace();
        if (reader._position != text.Length)
        {
            throw new ShapeFileException("unexpected text after the end of the JSON document", reader._position);
        }

        return value;
    }

    private JsonValueNode ReadValue(int depth)
    {
        if (depth > 64)
        {
            throw new ShapeFileException("the JSON is nested more than 64 levels deep", _position);
        }

        SkipWhiteSpace();
        var start = _position;
        if (start >= _text.Length)
        {
            throw new ShapeFileException("the JSON ends where a value was expected", start);
        }

        switch (_text[start])
        {
            case '{':
                return ReadObject(depth);
            case '[':
                return ReadArray(depth);
            case '"':
                return new JsonValueNode(JsonValueKind.String, ReadString(), Array.Empty<JsonMember>(), start);
            default:
                while (_position < _text.Length && (char.IsLetterOrDigit(_text[_position]) || _text[_position] is '-' or '+' or '.'))
                {
                    _position++;
                }

                var token = _text.Substring(start, _position - start);
                if (token is "true" or "false" or "null")
                {
                    return new JsonValueNode(JsonValueKind.Literal, token, Array.Empty<JsonMember>(), start);
                }

                if (token.Length > 0 && double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && (token[0] == '-' || char.IsDigit(token[0])))
                {
                    return new JsonValueNode(JsonValueKind.Number, token, Array.Empty<JsonMember>(), start);
                }

                throw new ShapeFileException("a JSON value was expected", start);
        }
    }

    private JsonValueNode ReadObject(int depth)
    {
        var start = _position++;
        var members = new List<JsonMember>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        SkipWhiteSpace();
        if (Peek() == '}')
        {
            _position++;
            return new JsonValueNode(JsonValueKind.Object, string.Empty, members, start);
        }

        while (true)
        {
            SkipWhiteSpace();
            var namePosition = _position;
            if (Peek() != '"')
            {
                throw new ShapeFileException("a member name in quotes was expected", namePosition);
            }

            var name = ReadString();
            if (!names.Add(name))
            {
                throw new ShapeFileException("the member '" + name + "' appears twice in one object", namePosition);
            }

            Expect(':');
            members.Add(new JsonMember(name, namePosition, ReadValue(depth + 1)));
            SkipWhiteSpace();
            var next = Peek();
            _position++;
            if (next == '}')
            {
                return new JsonValueNode(JsonValueKind.Object, string.Empty, members, start);
            }

            if (next != ',')
            {
                throw new ShapeFileException("',' or '}' was expected", _position - 1);
            }
        }
    }

    private JsonValueNode ReadArray(int depth)
    {
        var start = _position++;
        SkipWhiteSpace();
        if (Peek() == ']')
        {
            _position++;
            return new JsonValueNode(JsonValueKind.Array, string.Empty, Array.Empty<JsonMember>(), start);
        }

        while (true)
        {
            ReadValue(depth + 1);
            SkipWhiteSpace();
            var next = Peek();
            _position++;
            if (next == ']')
            {
                return new JsonValueNode(JsonValueKind.Array, string.Empty, Array.Empty<JsonMember>(), start);
            }

            if (next != ',')
            {
                throw new ShapeFileException("',' or ']' was expected", _position - 1);
            }
        }
    }

    private string ReadString()
    {
        var start = _position++;
        var builder = new StringBuilder();
        while (_position < _text.Length)
        {
            var c = _text[_position++];
            if (c == '"')
            {
                return builder.ToString();
            }

            if (c < ' ')
            {
                throw new ShapeFileException("a control character must be escaped in a JSON string", _position - 1);
            }

            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            var escape = Peek();
            _position++;
            switch (escape)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u' when _position + 4 <= _text.Length
                    && ushort.TryParse(_text.Substring(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                    builder.Append((char)code);
                    _position += 4;
                    break;
                default:
                    throw new ShapeFileException("an invalid escape sequence in a JSON string", _position - 2);
            }
        }

        throw new ShapeFileException("a JSON string is not closed", start);
    }

    private void Expect(char expected)
    {
        SkipWhiteSpace();
        if (Peek() != expected)
        {
            throw new ShapeFileException("'" + expected + "' was expected", _position);
        }

        _position++;
    }

    private readonly char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private void SkipWhiteSpace()
    {
        while (_position < _text.Length && _text[_position] is ' ' or '\t' or '\r' or '\n')
        {
            _position++;
        }
    }
}
