using System.Text;

namespace Routilux;

/// <summary>
/// Escapes text for GitHub-flavoured Markdown (CommonMark plus tables), so routine ids, summaries and type names
/// read as themselves wherever <see cref="MarkdownWriter"/> puts them: in headings, paragraphs and table cells.
/// </summary>
/// <remarks>
/// CommonMark lets any ASCII punctuation be backslash-escaped and then shows it literally, so escaping more than
/// strictly needed is harmless; escaping too little is not (a pipe splits a table cell, "&lt;T&gt;" reads as an
/// HTML tag and vanishes, "*" starts emphasis, a trailing "#" closes a heading). Line breaks become spaces, since
/// every place text goes is one line.
/// </remarks>
internal static class MarkdownText
{
    // Characters that mean something inline anywhere in a line; '#' too, because trailing ones close a heading.
    private const string InlineSpecials = "\\`*_[]<>|&~#!";

    // Characters that start a block (list item, setext underline) only at the start of a line.
    private const string LineStartSpecials = "-+=";

    /// <summary><paramref name="text"/> as Markdown that shows exactly that text on one line.</summary>
    public static string Text(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\r' or '\n')
            {
                // "\r\n" is one break, so one space.
                if (c == '\n' || i + 1 == text.Length || text[i + 1] != '\n')
                {
                    builder.Append(' ');
                }

                continue;
            }

            if (InlineSpecials.Contains(c, StringComparison.Ordinal) || (i == 0 && LineStartSpecials.Contains(c, StringComparison.Ordinal)))
            {
                builder.Append('\\');
            }
            else if (c is '.' or ')' && IsLeadingNumber(text, i))
            {
                // "1. x" or "1) x" at the start of a line would begin an ordered list.
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>
    /// <paramref name="code"/> as a code span (`System.String[]`), which shows angle brackets and commas as they are.
    /// Falls back to <see cref="Text"/> for text a code span cannot hold in a table cell: a pipe (GitHub needs it
    /// escaped even inside code, other readers then show the backslash) or a line break.
    /// </summary>
    public static string Code(string code)
    {
        if (code.Length == 0 || code.AsSpan().IndexOfAny('|', '\r', '\n') >= 0)
        {
            return Text(code);
        }

        // The fence is one backtick longer than the longest run inside, and a space pads code that starts or ends with one.
        var longest = 0;
        var run = 0;
        foreach (var c in code)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        var fence = new string('`', longest + 1);
        var pad = code[0] == '`' || code[^1] == '`' || (code[0] == ' ' && code[^1] == ' ' && code.Trim().Length > 0) ? " " : string.Empty;
        return fence + pad + code + pad + fence;
    }

    /// <summary>A fence for a code block around <paramref name="content"/>: three backticks, or more than any run inside.</summary>
    public static string Fence(string content)
    {
        var longest = 0;
        var run = 0;
        foreach (var c in content)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return new string('`', Math.Max(3, longest + 1));
    }

    private static bool IsLeadingNumber(string text, int end)
    {
        if (end == 0 || end > 9)
        {
            return false;
        }

        for (var i = 0; i < end; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
