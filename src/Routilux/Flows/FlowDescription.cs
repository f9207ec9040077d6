using System.Text.Encodings.Web;
using System.Text.Json;

namespace Routilux;

/// <summary>
/// A plain description of a built flow — routines with their typed ports, connections, entries and the dependency
/// graph — for tools, hosts and docs. <see cref="ToJson"/> writes it as a versioned JSON document (docs/flow-description.md),
/// <see cref="ToMarkdown"/> as a page of docs, <see cref="ToMermaid"/>, <see cref="ToD2"/> and <see cref="ToDot"/> as a graph.
/// </summary>
public sealed class FlowDescription
{
    /// <summary>The version of the JSON document <see cref="ToJson"/> writes.</summary>
    /// <remarks>
    /// Version 2 (documented in docs/flow-description.md) writes payload and routine types fully qualified, error
    /// policies and activations as structured values rather than display text, and adds parameter names, summaries,
    /// the flow's own error policy and where each routine's comes from.
    /// </remarks>
    public const int FormatVersion = 2;

    internal FlowDescription(Flow flow) => Flow = flow;

    /// <summary>The flow described.</summary>
    public Flow Flow { get; }

    /// <summary>For each routine id, the ids of the routines whose events feed it, in flow order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Dependencies
    {
        get
        {
            var upstream = Flow.Routines.ToDictionary(r => r.Id, _ => new List<string>(), StringComparer.Ordinal);
            foreach (var connection in Flow.Connections)
            {
                var list = upstream[connection.Target.Id];
                if (!list.Contains(connection.Source.Id))
                {
                    list.Add(connection.Source.Id);
                }
            }

            return upstream.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal);
        }
    }

    /// <summary>
    /// Writes the description as indented JSON. Its first member is <c>"format"</c> (see <see cref="FormatVersion"/>),
    /// as in every document Routilux writes, so a reader can tell which shape follows before reading it.
    /// </summary>
    /// <remarks>
    /// Characters such as &lt;, &gt; and ' are written as they are rather than as \u003C escapes, so generic type names
    /// read plainly: the document is for files and tools, never inlined into HTML, where that escaping matters.
    /// </remarks>
    public string ToJson()
    {
        using var buffer = new System.IO.MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            FlowDescriptionJson.Write(json, this);
        }

        // Utf8JsonWriter breaks lines with Environment.NewLine; "\n" everywhere keeps the document the same on every
        // machine. A raw "\r" can only be a line break: inside strings the writer escapes it.
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length).Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    /// <summary>
    /// Writes the flow as a Mermaid flowchart (renders in GitHub Markdown in a <c>mermaid</c> block): routines with
    /// their slots and events and payload types, connections, entries, and policies that differ from the defaults.
    /// </summary>
    public string ToMermaid() => MermaidWriter.Write(Flow);

    /// <summary>
    /// Writes the flow's docs as GitHub-flavoured Markdown: its graph as a <c>mermaid</c> block, its entries and flow
    /// error policy, then a section per routine with the summary the generator captured from its XML docs, its error
    /// policy and upstream routines, and tables of its slots and events with theirs. Ids, summaries and type names are
    /// escaped, so they show as written.
    /// </summary>
    public string ToMarkdown() => MarkdownWriter.Write(this);

    /// <summary>Writes the flow as a D2 diagram, showing what <see cref="ToMermaid"/> shows.</summary>
    public string ToD2() => D2Writer.Write(Flow);

    /// <summary>Writes the flow as a Graphviz DOT digraph (render with <c>dot -Tsvg</c>), showing what <see cref="ToMermaid"/> shows.</summary>
    public string ToDot() => DotWriter.Write(Flow);
}
