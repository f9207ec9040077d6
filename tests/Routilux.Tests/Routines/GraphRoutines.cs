namespace Routilux.Tests.Routines;

/// <summary>Splits a line into its words, for the graph export tests.</summary>
[Routine]
public partial class WordSplitter
{
    /// <summary>A line of text; runs of spaces separate words.</summary>
    [Slot]
    public void Text(string line) => Words(line.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The line's words, in order.</summary>
    [Emits]
    public partial void Words(string[] words);
}

/// <summary>Counts words by their first letter: a generic payload type for the graph export tests.</summary>
[Routine]
public partial class LetterCounts
{
    /// <summary>The words of one line.</summary>
    [Slot]
    public void In(string[] words) => Counts(words.CountBy(w => w[..1]).ToDictionary(p => p.Key, p => p.Value));

    /// <summary>How many of the line's words start with each letter.</summary>
    [Emits]
    public partial void Counts(Dictionary<string, int> counts);
}

/// <summary>Adds up how many words it has seen.</summary>
[Routine]
public partial class WordTotal
{
    public int Total { get; private set; }

    [Slot]
    public void In(string[] words) => Total += words.Length;
}

/// <summary>Passes on the words longer than three letters, a batch of lines at a time; skips a batch it fails on.</summary>
[Routine, OnError(ErrorStrategy.Skip)]
public partial class LongWords
{
    /// <summary>Up to 8 lines' words at once, or what came within 50 ms.</summary>
    [Slot, Batch(8, MaxWaitMilliseconds = 50)]
    public void In(IReadOnlyList<string[]> lines)
    {
        foreach (var word in lines.SelectMany(l => l).Where(w => w.Length > 3))
        {
            Word(word);
        }
    }

    /// <summary>One word longer than three letters.</summary>
    [Emits]
    public partial void Word(string word);
}

/// <summary>
/// Documents itself awkwardly, for the Markdown escaping tests: a pipe | in a table, `ticks`, *stars*, _underscores_,
/// a generic List&lt;T&gt; read as an HTML tag, [brackets](link), &amp;amp; and a trailing hash #
/// </summary>
[Routine]
public partial class AwkwardlyDocumented
{
    /// <summary>Takes a | b and `c` with <c>Dictionary&lt;string, int&gt;</c> # too</summary>
    [Slot]
    public void In(Dictionary<string, int> counts) => Out(counts.Count);

    /// <summary>1. looks like a list; *emphasis*; ~~struck~~</summary>
    [Emits]
    public partial void Out(int count);
}
