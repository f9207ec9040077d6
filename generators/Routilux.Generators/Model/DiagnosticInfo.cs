using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Routilux.Generators.Model;

/// <summary>
/// A diagnostic the generator reports, as values: a <see cref="Location"/> holds its syntax tree, which would keep
/// the pipeline from ever comparing equal to the previous run's, so the file path and spans are kept instead.
/// </summary>
/// <param name="Descriptor">The diagnostic's descriptor.</param>
/// <param name="FilePath">The source file.</param>
/// <param name="Span">The span in the file.</param>
/// <param name="LineSpan">The same span as lines and columns.</param>
/// <param name="Arguments">The message's arguments.</param>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, string FilePath, TextSpan Span, LinePositionSpan LineSpan, EquatableArray<string> Arguments)
{
    /// <summary>A diagnostic at <paramref name="location"/>, or null when it is not in source.</summary>
    public static DiagnosticInfo? Create(DiagnosticDescriptor descriptor, Location? location, params string[] arguments) =>
        location is { IsInSource: true, SourceTree: { } tree }
            ? new DiagnosticInfo(descriptor, tree.FilePath, location.SourceSpan, location.GetLineSpan().Span, new EquatableArray<string>(arguments))
            : null;

    public Diagnostic ToDiagnostic()
    {
        var arguments = new object[Arguments.Count];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = Arguments[i];
        }

        return Diagnostic.Create(Descriptor, Location.Create(FilePath, Span, LineSpan), arguments);
    }
}

/// <summary>
/// The parse of one [Routine] class: a routine to generate, or a placeholder for a refused one with the diagnostics
/// only the generator can report. Exactly one of <see cref="Routine"/> and <see cref="Placeholder"/> is set, or neither
/// when nothing can be written.
/// </summary>
/// <param name="Routine">The routine's spec when it can be generated.</param>
/// <param name="Placeholder">What keeps the compilation quiet when it cannot.</param>
/// <param name="Diagnostics">Diagnostics the generator reports itself (see Parsing/GeneratorDiagnostics.cs).</param>
internal sealed record ParsedRoutine(RoutineSpec? Routine, PlaceholderSpec? Placeholder, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public static readonly ParsedRoutine Nothing = new(null, null, EquatableArray<DiagnosticInfo>.Empty);
}
