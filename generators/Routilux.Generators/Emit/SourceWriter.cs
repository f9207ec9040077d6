using System;
using System.Text;

namespace Routilux.Generators.Emit;

/// <summary>
/// Builds generated source line by line with four-space indentation. Lines end in '\n' on every platform so the
/// output, and the snapshots of it, are byte-identical everywhere.
/// </summary>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";

    private readonly StringBuilder _builder = new();
    private int _indent;

    /// <summary>Writes one line at the current indentation; an empty line has no trailing spaces.</summary>
    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            for (var i = 0; i < _indent; i++)
            {
                _builder.Append(IndentUnit);
            }

            _builder.Append(text);
        }

        _builder.Append('\n');
        return this;
    }

    /// <summary>Writes several lines (such as a raw string literal), each at the current indentation.</summary>
    public SourceWriter Lines(string text)
    {
        foreach (var line in text.Replace("\r\n", "\n").Split('\n'))
        {
            Line(line);
        }

        return this;
    }

    /// <summary>Writes "{" and indents what follows.</summary>
    public SourceWriter Open(string? header = null)
    {
        if (header is not null)
        {
            Line(header);
        }

        Line("{");
        _indent++;
        return this;
    }

    /// <summary>Ends the innermost block with "}" (or "};" and the like via <paramref name="suffix"/>).</summary>
    public SourceWriter Close(string suffix = "")
    {
        if (_indent == 0)
        {
            throw new InvalidOperationException("Close() without a matching Open(): the emitter is unbalanced.");
        }

        _indent--;
        return Line("}" + suffix);
    }

    public SourceWriter Indent()
    {
        _indent++;
        return this;
    }

    public SourceWriter Unindent()
    {
        _indent--;
        return this;
    }

    public override string ToString() => _builder.ToString();
}
