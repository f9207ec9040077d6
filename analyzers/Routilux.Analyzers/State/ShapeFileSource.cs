using System;
using System.Collections.Immutable;
using System.IO;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Routilux.Analyzers.State;

/// <summary>
/// The project's RoutiluxState.Shipped.json, read once per compilation: absent (the shape checks are off: the file
/// is opt-in), read, or unreadable with the reason and where.
/// </summary>
/// <param name="File">The file's contents when it was read; null when absent or unreadable.</param>
/// <param name="Error">Why it could not be read, or null.</param>
/// <param name="ErrorLocation">Where in the file the problem is, when <see cref="Error"/> is set.</param>
internal sealed record ShapeFileSource(ShapeFile? File, string? Error, Location? ErrorLocation)
{
    public static readonly ShapeFileSource Absent = new(null, null, null);

    public static ShapeFileSource Load(ImmutableArray<AdditionalText> additionalFiles, CancellationToken cancellationToken)
    {
        AdditionalText? found = null;
        foreach (var candidate in additionalFiles)
        {
            if (IsShapeFile(candidate.Path))
            {
                if (found is not null)
                {
                    return new ShapeFileSource(null, "the project lists two files named " + ShapeFile.FileName + " (" + found.Path + " and " + candidate.Path + "); keep one", Location.None);
                }

                found = candidate;
            }
        }

        if (found is null)
        {
            return Absent;
        }

        var text = found.GetText(cancellationToken);
        if (text is null)
        {
            return new ShapeFileSource(null, "the file could not be opened", Location.None);
        }

        try
        {
            return new ShapeFileSource(ShapeFileReader.Read(text.ToString()), null, null);
        }
        catch (ShapeFileException exception)
        {
            var position = Math.Min(Math.Max(exception.Position, 0), text.Length);
            var span = new TextSpan(position, position < text.Length ? 1 : 0);
            return new ShapeFileSource(null, exception.Message, Location.Create(found.Path, span, text.Lines.GetLinePositionSpan(span)));
        }
    }

    public static bool IsShapeFile(string path) => string.Equals(Path.GetFileName(path), ShapeFile.FileName, StringComparison.OrdinalIgnoreCase);
}
