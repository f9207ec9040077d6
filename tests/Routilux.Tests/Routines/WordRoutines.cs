namespace Routilux.Tests.Routines;

/// <summary>Splits text into words: the README's tokenizer, for validation tests.</summary>
[Routine]
public partial class Tokenizer
{
    [Slot]
    public void Text(string line)
    {
        foreach (var word in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            Word(word);
        }
    }

    [Emits]
    public partial void Word(string word);
}

/// <summary>Counts the words it hears.</summary>
[Routine]
public partial class WordCounter
{
    public int Count { get; private set; }

    [Slot]
    public void Word(string word) => Count++;
}
