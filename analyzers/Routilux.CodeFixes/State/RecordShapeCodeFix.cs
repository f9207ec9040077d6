using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Routilux.Analyzers.State;
using Routilux.Generators.Diagnostics;

namespace Routilux.CodeFixes.State;

/// <summary>
/// RTLX2015, RTLX2016, RTLX2017: records the routine's current state shape in RoutiluxState.Shipped.json under its
/// current StateVersion (the entries of other versions are kept). For RTLX2015 this says no state was ever saved
/// at that version with the old shape; the other fix, a StateVersion bump, is <see cref="BumpStateVersionCodeFix"/>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RecordShapeCodeFix)), Shared]
public sealed class RecordShapeCodeFix : CodeFixProvider
{
    internal const string EquivalenceKey = "RTLX2015.RecordShape";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticIds.ShapeChangedWithoutBump, DiagnosticIds.ShapeNotRecorded, DiagnosticIds.ShapeChangedCompatibly);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => RecordShapeFixAll.Instance;

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var project = context.Document.Project;
        if (ShapeFileEdit.Find(project) is null)
        {
            return Task.CompletedTask;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (ShapeRecord.From(diagnostic) is { } record)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Record the state shape of version " + record.Version.ToString(CultureInfo.InvariantCulture) + " in " + ShapeFile.FileName,
                        cancellationToken => ShapeFileEdit.RecordAsync(project.Solution, project.Id, new[] { record }, cancellationToken),
                        EquivalenceKey),
                    diagnostic);
            }
        }

        return Task.CompletedTask;
    }
}
