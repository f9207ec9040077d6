using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Routilux.Benchmarks.Scenarios;

/// <summary>
/// The results of one scenario run: a table (columns and formatted cells), the raw measurements behind it, and the
/// readings (the ratios to look at). Written as <c>&lt;id&gt;-scenario.json</c> and <c>&lt;id&gt;-scenario.md</c> into
/// BenchmarkDotNet's results folder, where <c>make-results-table.py</c> picks the JSON up for the README.
/// </summary>
public sealed class ScenarioReport
{
    private readonly List<string[]> _rows = [];
    private readonly List<string> _readings = [];
    private readonly List<Dictionary<string, object?>> _measurements = [];

    /// <summary>Starts a report.</summary>
    /// <param name="id">File-name id: <c>colocated</c>, <c>idle-workers</c>.</param>
    /// <param name="title">The table's heading.</param>
    /// <param name="columns">Column headings; the first column is left-aligned, the others right-aligned.</param>
    public ScenarioReport(string id, string title, params string[] columns)
    {
        Id = id;
        Title = title;
        Columns = columns;
    }

    /// <summary>File-name id.</summary>
    public string Id { get; }

    /// <summary>The table's heading.</summary>
    public string Title { get; }

    /// <summary>Column headings.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>What the run was set to (rounds, window, counts ...), written into the JSON and under the table.</summary>
    public Dictionary<string, object> Parameters { get; } = [];

    /// <summary>A footnote under the table: how to read it.</summary>
    public string? Note { get; set; }

    /// <summary>Adds a row of formatted cells, one per column.</summary>
    public void AddRow(params string[] cells)
    {
        if (cells.Length != Columns.Count)
        {
            throw new ArgumentException($"Scenario '{Id}': a row has {cells.Length} cells for {Columns.Count} columns.", nameof(cells));
        }

        _rows.Add(cells);
    }

    /// <summary>Adds a reading: one line saying what the figures mean (a ratio to the peer, a share).</summary>
    public void AddReading(string line) => _readings.Add(line);

    /// <summary>Adds a raw measurement (one round of one configuration), kept in the JSON for anyone re-analysing.</summary>
    public void AddMeasurement(Dictionary<string, object?> measurement) => _measurements.Add(measurement);

    /// <summary>Writes the JSON and Markdown files into <paramref name="resultsFolder"/> and returns the Markdown.</summary>
    public string Write(string resultsFolder)
    {
        Directory.CreateDirectory(resultsFolder);
        var markdown = ToMarkdown();
        var document = new Dictionary<string, object?>
        {
            ["id"] = Id,
            ["title"] = Title,
            ["measuredUtc"] = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
            ["machine"] = Machine(),
            ["parameters"] = Parameters,
            ["columns"] = Columns,
            ["rows"] = _rows,
            ["readings"] = _readings,
            ["note"] = Note,
            ["measurements"] = _measurements,
        };
        var json = Path.Combine(resultsFolder, $"{Id}-scenario.json");
        File.WriteAllText(json, JsonSerializer.Serialize(document, Options));
        File.WriteAllText(Path.Combine(resultsFolder, $"{Id}-scenario.md"), markdown);
        Console.WriteLine($"// Scenario results: {json} (and .md)");
        return markdown;
    }

    /// <summary>The table, the readings and the note as GitHub Markdown.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append("### ").AppendLine(Title).AppendLine();
        text.Append("| ").AppendJoin(" | ", Columns).AppendLine(" |");
        text.Append("| --- |").Append(string.Concat(Enumerable.Repeat(" ---: |", Columns.Count - 1))).AppendLine();
        foreach (var row in _rows)
        {
            text.Append("| ").AppendJoin(" | ", row).AppendLine(" |");
        }

        text.AppendLine();
        foreach (var reading in _readings)
        {
            text.Append("- ").AppendLine(reading);
        }

        if (_readings.Count > 0)
        {
            text.AppendLine();
        }

        if (Note is not null)
        {
            text.AppendLine(Note).AppendLine();
        }

        text.Append("Run: ").AppendJoin(", ", Parameters.Select(p => $"{p.Key} {Format(p.Value)}")).AppendLine(".");
        return text.ToString();
    }

    private static string Format(object value) => value switch
    {
        double d => d.ToString("0.###", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static Dictionary<string, object> Machine() => new()
    {
        ["os"] = RuntimeInformation.OSDescription,
        ["architecture"] = RuntimeInformation.OSArchitecture.ToString(),
        ["logicalCores"] = Environment.ProcessorCount,
        ["runtime"] = RuntimeInformation.FrameworkDescription,
#if DEBUG
        ["configuration"] = "Debug",
#else
        ["configuration"] = "Release",
#endif
    };

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };
}
