using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Routilux.Tests.Routines;

namespace Routilux.Tests;

/// <summary>
/// Routine ids, summaries and type names full of Markdown syntax read back as written: parsed by Markdig (CommonMark
/// with GitHub's pipe tables), every heading and table cell holds only plain text and code, equal to the original.
/// </summary>
public class MarkdownEscapingTests
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().Build();

    [Theory]
    [InlineData("a | b", "a \\| b")]
    [InlineData("List<T>", "List\\<T\\>")]
    [InlineData("`tick`", "\\`tick\\`")]
    [InlineData("*a* _b_ ~~c~~", "\\*a\\* \\_b\\_ \\~\\~c\\~\\~")]
    [InlineData("[x](y) ![z]", "\\[x\\](y) \\!\\[z\\]")]
    [InlineData("&amp; #1", "\\&amp; \\#1")]
    [InlineData("back\\slash", "back\\\\slash")]
    [InlineData("- item", "\\- item")]
    [InlineData("+ item", "\\+ item")]
    [InlineData("12. item", "12\\. item")]
    [InlineData("3) item", "3\\) item")]
    [InlineData("a - b 1. c", "a - b 1. c")]
    [InlineData("two\nlines\r\n", "two lines ")]
    public void Text_is_escaped_where_markdown_would_read_it_as_syntax(string text, string expected) =>
        Assert.Equal(expected, MarkdownText.Text(text));

    [Theory]
    [InlineData("System.String[]", "`System.String[]`")]
    [InlineData("List<Dictionary<String, Int32>>", "`List<Dictionary<String, Int32>>`")]
    [InlineData("a`b", "``a`b``")]
    [InlineData("`a``", "``` `a`` ```")]
    [InlineData("a|b", "a\\|b")]
    public void Code_spans_use_a_fence_longer_than_any_backticks_inside_and_never_hold_a_pipe(string code, string expected) =>
        Assert.Equal(expected, MarkdownText.Code(code));

    [Fact]
    public void Awkward_ids_and_summaries_read_back_from_the_flow_docs_as_written()
    {
        var flow = AwkwardFlow();
        var document = Markdown.Parse(flow.Describe().ToMarkdown(), Pipeline);

        var headings = document.Descendants<HeadingBlock>().Select(h => PlainText(h.Inline)).ToList();
        Assert.Equal(new[] { "Flow " + flow.Id }.Concat(flow.Routines.Select(r => r.Id)), headings);

        var paragraphs = document.Descendants<ParagraphBlock>().Where(p => p.Parent is not TableCell).Select(p => PlainText(p.Inline)).ToList();
        var awkward = RoutineCatalog.Get("AwkwardlyDocumented");
        Assert.Contains(awkward.Summary, paragraphs);

        var cells = Cells(document);
        Assert.Contains(awkward.Slots[0].Summary, cells);
        Assert.Contains(awkward.Events[0].Summary, cells);
        Assert.Contains("System.Collections.Generic.Dictionary<System.String, System.Int32>", cells);

        // Every table row has as many cells as its header: no pipe in a summary split a cell.
        foreach (var table in document.Descendants<Table>())
        {
            var widths = table.OfType<TableRow>().Select(r => r.Count).Distinct().ToList();
            Assert.Single(widths);
        }
    }

    [Fact]
    public void The_routine_docs_of_an_awkwardly_documented_routine_read_back_as_written()
    {
        var descriptor = RoutineCatalog.Get("AwkwardlyDocumented");
        var document = Markdown.Parse(descriptor.ToMarkdown(), Pipeline);

        Assert.Equal("AwkwardlyDocumented", PlainText(document.Descendants<HeadingBlock>().Single().Inline));
        Assert.Contains(descriptor.Summary, document.Descendants<ParagraphBlock>().Where(p => p.Parent is not TableCell).Select(p => PlainText(p.Inline)));
        var cells = Cells(document);
        Assert.Contains(descriptor.Slots[0].Summary, cells);
        Assert.Contains(descriptor.Events[0].Summary, cells);
    }

    /// <summary>Ids that Markdown reads as syntax: a list marker, a numbered item, pipes, emphasis, code, a tag, a link, an entity.</summary>
    private static Flow AwkwardFlow()
    {
        var flow = new FlowBuilder("awkward | *flow* <T>");
        var splitter = flow.Add<WordSplitter>("1) first");
        var counts = flow.Add<LetterCounts>("x|y *star* `t` _u_");
        var awkward = flow.Add<AwkwardlyDocumented>("a\\b # [c](d) <e> &amp; ~~f~~ #");
        var tally = flow.Add<Tally<int>>("- dash");
        flow.Connect(splitter.Words(), counts.In()).Connect(counts.Counts(), awkward.In()).Connect(awkward.Out(), tally.In());
        flow.Entry(splitter.Text());
        return flow.Build();
    }

    private static List<string> Cells(MarkdownDocument document) =>
        document.Descendants<TableCell>().Select(c => string.Concat(c.OfType<ParagraphBlock>().Select(p => PlainText(p.Inline)))).ToList();

    /// <summary>The text a reader sees; anything but literal text and code (emphasis, a link, a tag) shows up as a marker, so it fails the comparison.</summary>
    private static string PlainText(Inline? inline) => inline switch
    {
        null => string.Empty,
        LiteralInline literal => literal.Content.ToString(),
        CodeInline code => code.Content,
        HtmlEntityInline entity => entity.Transcoded.ToString(),
        LineBreakInline => " ",
        ContainerInline container when container.GetType() == typeof(ContainerInline) => string.Concat(container.Select(PlainText)),
        _ => $"<{inline.GetType().Name}>",
    };
}
