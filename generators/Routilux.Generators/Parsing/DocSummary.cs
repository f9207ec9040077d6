using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Routilux.Generators.Parsing;

/// <summary>
/// Reads the &lt;summary&gt; of a declaration's /// comment as plain text. It reads the syntax trivia rather than
/// ISymbol.GetDocumentationCommentXml(), which is empty when the project does not generate a documentation file
/// (DocumentationMode.None, where /// lines are plain comments): the summary is then the same in the IDE and in
/// every build.
/// </summary>
internal static class DocSummary
{
    private static readonly Regex Attribute = new("(\\w+)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')", RegexOptions.CultureInvariant);

    private static readonly Regex NumericEntity = new("&#(x[0-9a-fA-F]+|[0-9]+);", RegexOptions.CultureInvariant);

    // Attributes whose value stands for the element's text when it is self-closing: <see cref="X"/> reads "X".
    private static readonly string[] TextAttributes = { "cref", "langword", "name", "href" };

    /// <summary>The summary of the first declaration of <paramref name="symbol"/> that has one, or empty.</summary>
    public static string Of(ISymbol symbol, CancellationToken cancellationToken)
    {
        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var summary = FromComment(DocumentationLines(reference.GetSyntax(cancellationToken)));
            if (summary.Length > 0)
            {
                return summary;
            }
        }

        return string.Empty;
    }

    /// <summary>The text of the /// lines before a declaration, without the slashes.</summary>
    private static string DocumentationLines(SyntaxNode declaration)
    {
        var builder = new StringBuilder();
        foreach (var trivia in declaration.GetLeadingTrivia())
        {
            // Structured when documentation is parsed, a plain comment when DocumentationMode is None.
            if (!trivia.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia) && !trivia.IsKind(SyntaxKind.SingleLineCommentTrivia))
            {
                continue;
            }

            foreach (var line in trivia.ToFullString().Split('\n'))
            {
                var text = line.Trim();
                if (text.StartsWith("///", StringComparison.Ordinal))
                {
                    builder.Append(text, 3, text.Length - 3).Append('\n');
                }
            }
        }

        return builder.ToString();
    }

    /// <summary>The plain text of the summary element of a doc comment, or empty.</summary>
    public static string FromComment(string comment)
    {
        var start = comment.IndexOf("<summary>", StringComparison.Ordinal);
        if (start < 0)
        {
            return string.Empty;
        }

        start += "<summary>".Length;
        var end = comment.IndexOf("</summary>", start, StringComparison.Ordinal);
        return PlainText(end < 0 ? comment.Substring(start) : comment.Substring(start, end - start));
    }

    /// <summary>Strips XML tags (keeping their text), decodes entities and collapses whitespace to single spaces.</summary>
    private static string PlainText(string xml)
    {
        var text = new StringBuilder(xml.Length);
        var index = 0;
        while (index < xml.Length)
        {
            var open = xml.IndexOf('<', index);
            if (open < 0)
            {
                text.Append(xml, index, xml.Length - index);
                break;
            }

            text.Append(xml, index, open - index);
            var close = xml.IndexOf('>', open);
            if (close < 0)
            {
                break;
            }

            var tag = xml.Substring(open + 1, close - open - 1);
            if (tag.EndsWith("/", StringComparison.Ordinal))
            {
                text.Append(SelfClosingText(tag));
            }

            index = close + 1;
        }

        return CollapseWhitespace(DecodeEntities(text.ToString()));
    }

    private static string SelfClosingText(string tag)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match match in Attribute.Matches(tag))
        {
            values[match.Groups[1].Value] = match.Groups[2].Success ? match.Groups[2].Value : match.Groups[3].Value;
        }

        foreach (var name in TextAttributes)
        {
            if (values.TryGetValue(name, out var value))
            {
                return name == "cref" ? CrefText(value) : value;
            }
        }

        return string.Empty;
    }

    /// <summary>"T:Demo.Item" reads "Demo.Item"; "List{T}" reads "List&lt;T&gt;".</summary>
    private static string CrefText(string cref)
    {
        if (cref.Length > 2 && cref[1] == ':' && char.IsUpper(cref[0]))
        {
            cref = cref.Substring(2);
        }

        return cref.Replace('{', '<').Replace('}', '>');
    }

    private static string DecodeEntities(string text)
    {
        if (text.IndexOf('&') < 0)
        {
            return text;
        }

        text = NumericEntity.Replace(text, match =>
        {
            var digits = match.Groups[1].Value;
            var isHex = digits[0] == 'x';
            return int.TryParse(
                    isHex ? digits.Substring(1) : digits,
                    isHex ? NumberStyles.AllowHexSpecifier : NumberStyles.None,
                    CultureInfo.InvariantCulture,
                    out var code)
                && code is > 0 and <= 0x10FFFF && (code < 0xD800 || code > 0xDFFF)
                ? char.ConvertFromUtf32(code)
                : match.Value;
        });

        // &amp; last, so "&amp;lt;" reads "&lt;" rather than "<".
        return text.Replace("&lt;", "<").Replace("&gt;", ">").Replace("&quot;", "\"").Replace("&apos;", "'").Replace("&amp;", "&");
    }

    private static string CollapseWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
