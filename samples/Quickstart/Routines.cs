using System.Collections.Concurrent;
using Routilux;

namespace Quickstart;

/// <summary>Reads a text file and emits it line by line.</summary>
[Routine]
public partial class LineReader
{
    /// <summary>The path of a text file to read.</summary>
    [Slot]
    public async ValueTask File(string path, CancellationToken cancellationToken)
    {
        await foreach (var line in System.IO.File.ReadLinesAsync(path, cancellationToken))
        {
            // An async emit: when the tokenizer's queue is full, reading waits instead of piling lines up in memory.
            await Line(line);
        }
    }

    /// <summary>One line of the file.</summary>
    [Emits]
    public partial ValueTask Line(string line);
}

/// <summary>Splits lines into lower-case words, dropping punctuation.</summary>
[Routine]
public partial class Tokenizer
{
    private static readonly char[] Separators = [' ', '\t', '-', '—', '_'];

    /// <summary>A line of text.</summary>
    [Slot]
    public void Line(string line)
    {
        foreach (var raw in line.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            var word = raw.Trim(Punctuation).ToLowerInvariant();
            if (word.Length > 0)
            {
                Word(word);
            }
        }
    }

    /// <summary>A word, lower case, without surrounding punctuation.</summary>
    [Emits]
    public partial void Word(string word);

    private static readonly char[] Punctuation = ['.', ',', ';', ':', '!', '?', '"', '\'', '(', ')', '[', ']', '“', '”', '‘', '’', '*'];
}

/// <summary>Drops short and very common words, so the counts say something about the text.</summary>
[Routine]
public partial class StopWordFilter
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "and", "a", "an", "of", "to", "in", "it", "is", "was", "that", "i", "he", "she", "you", "her", "his",
        "with", "as", "for", "at", "on", "be", "had", "but", "not", "all", "so", "by", "my", "me", "this", "they",
        "there", "or", "if", "what", "no", "from", "were", "which", "we", "would", "have", "them", "one", "said",
        "out", "their", "its", "when", "then", "been", "could", "into", "up", "very", "did", "do", "are", "more",
        "little", "about", "down", "how", "like", "some", "only", "any", "your", "over", "who", "him", "now", "will",
    };

    /// <summary>A candidate word.</summary>
    [Slot]
    public void Word(string word)
    {
        if (word.Length > 2 && !StopWords.Contains(word))
        {
            Kept(word);
        }
    }

    /// <summary>A word worth counting.</summary>
    [Emits]
    public partial void Kept(string word);
}

/// <summary>Counts words. Read the counts after the job completes.</summary>
[Routine]
public partial class WordCounter
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary>How many words were counted.</summary>
    public int Total { get; private set; }

    /// <summary>A word to count.</summary>
    [Slot]
    public void Word(string word)
    {
        _counts.AddOrUpdate(word, 1, static (_, n) => n + 1);
        Total++;
    }

    /// <summary>The <paramref name="count"/> most frequent words, most frequent first.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> Top(int count) =>
        _counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(count).ToList();
}
