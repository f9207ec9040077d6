using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Routilux.Analyzers.Infrastructure;

/// <summary>
/// Reports diagnostics only at locations inside the compilation being analyzed: a location in metadata, in another
/// compilation's tree or nowhere would be dropped by the IDE or, worse, make the compiler throw.
/// </summary>
internal readonly struct DiagnosticReporter
{
    private readonly Compilation _compilation;
    private readonly Action<Diagnostic> _report;

    public DiagnosticReporter(Compilation compilation, Action<Diagnostic> report)
    {
        _compilation = compilation;
        _report = report;
    }

    public void Report(DiagnosticDescriptor descriptor, Location? location, params object?[] arguments) =>
        Report(descriptor, location, ImmutableDictionary<string, string?>.Empty, arguments);

    public void Report(DiagnosticDescriptor descriptor, Location? location, ImmutableDictionary<string, string?> properties, params object?[] arguments)
    {
        if (location is { IsInSource: true, SourceTree: { } tree } && _compilation.ContainsSyntaxTree(tree))
        {
            _report(Diagnostic.Create(descriptor, location, properties, arguments));
        }
    }
}
