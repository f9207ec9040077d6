namespace Routilux.Tests.Routines;

/// <summary>Splits a line into its words, for the graph export tests.</summary>
[Routine]
public partial class WordSplitter
{
    [Slot]
    public void Text(string line) => Words(line.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    [Emits]
    public partial void Words(string[] words);
}

/// <summary>Counts words by their first letter: a generic payload type for the graph export tests.</summary>
[Routine]
public partial class LetterCounts
{
    [Slot]
    public void In(string[] words) => Counts(words.CountBy(w => w[..1]).ToDictionary(p => p.Key, p => p.Value));

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
