using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Routilux.Analyzers.State;

namespace Routilux.CodeFixes.State;

/// <summary>One shape to record: the routine's key, its StateVersion and its shape, as the diagnostic's properties carry them.</summary>
/// <param name="Routine">The routine's full type name.</param>
/// <param name="Version">The StateVersion the shape belongs to.</param>
/// <param name="Shape">The current shape.</param>
internal sealed record ShapeRecord(string Routine, int Version, StateShape Shape)
{
    /// <summary>The record a RTLX2015/2016/2017 diagnostic stands for, or null when its properties are not the analyzers'.</summary>
    public static ShapeRecord? From(Diagnostic diagnostic)
    {
        var properties = diagnostic.Properties;
        if (properties.TryGetValue(StateProperties.Routine, out var routine) && routine is not null
            && properties.TryGetValue(StateProperties.Version, out var versionText)
            && int.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            && properties.TryGetValue(StateProperties.Shape, out var shapeText) && shapeText is not null)
        {
            try
            {
                return new ShapeRecord(routine, version, ShapeFileReader.ReadShape(shapeText));
            }
            catch (ShapeFileException)
            {
                return null;
            }
        }

        return null;
    }
}

/// <summary>
/// Writes shapes into a project's RoutiluxState.Shipped.json (an additional document), replacing only the entries of
/// the versions recorded, so the file stays a history; the writer's stable order makes the edit a small diff.
/// </summary>
internal static class ShapeFileEdit
{
    /// <summary>The project's shape file, or null when it has none (the analyzers are then silent, so no fix is offered).</summary>
    public static TextDocument? Find(Project project)
    {
        foreach (var document in project.AdditionalDocuments)
        {
            if (ShapeFileSource.IsShapeFile(document.FilePath ?? document.Name))
            {
                return document;
            }
        }

        return null;
    }

    public static async Task<Solution> RecordAsync(Solution solution, ProjectId projectId, IReadOnlyCollection<ShapeRecord> records, CancellationToken cancellationToken)
    {
        if (solution.GetProject(projectId) is not { } project || Find(project) is not { } document)
        {
            return solution;
        }

        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        ShapeFile file;
        try
        {
            file = ShapeFileReader.Read(text.ToString());
        }
        catch (ShapeFileException)
        {
            return solution; // RTLX2019 reports it; writing over a file that cannot be read would lose its history.
        }

        foreach (var record in records)
        {
            file = file.With(record.Routine, record.Version, record.Shape);
        }

        return solution.WithAdditionalDocumentText(document.Id, SourceText.From(ShapeFileWriter.Write(file), text.Encoding));
    }
}
