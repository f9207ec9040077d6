using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Routilux.Analyzers.Infrastructure;
using Routilux.Generators.Diagnostics;
using Routilux.Generators.Parsing;

namespace Routilux.Analyzers.State;

/// <summary>
/// Compares a routine's state with RoutiluxState.Shipped.json (RTLX2015-RTLX2018): the entry of its current
/// StateVersion must exist (RTLX2016) and match, except for changes old documents still read (RTLX2017); a change
/// they cannot read is RTLX2015; a StateVersion below one already recorded is RTLX2018. Each diagnostic carries the
/// routine's key, version and current shape, which is all the code fixes need.
/// </summary>
internal static class ShapeChecks
{
    public static void Report(INamedTypeSymbol type, string routine, ParsedState state, ShapeFile file, Location? location, DiagnosticReporter reporter)
    {
        var key = ShapeTypeText.RoutineKey(type);
        var version = state.Spec.Version;
        var latest = file.LatestVersion(key);
        if (latest > version)
        {
            reporter.Report(DiagnosticDescriptors.StateVersionBelowRecorded, location, routine, Text(version), Text(latest));
            return;
        }

        var current = new List<CurrentMember>(state.Members.Count);
        var shape = new List<KeyValuePair<string, string>>(state.Members.Count);
        foreach (var member in state.Members)
        {
            var typeText = ShapeTypeText.Of(member.Symbol is IFieldSymbol field ? field.Type : ((IPropertySymbol)member.Symbol).Type);
            current.Add(new CurrentMember(member.Spec.JsonName, member.Spec.FormerNames, typeText, member.Spec.IsRequired));
            shape.Add(new KeyValuePair<string, string>(member.Spec.JsonName, typeText));
        }

        var currentShape = StateShape.From(shape);
        var properties = ImmutableDictionary<string, string?>.Empty
            .Add(StateProperties.Routine, key)
            .Add(StateProperties.Version, Text(version))
            .Add(StateProperties.Shape, ShapeFileWriter.WriteShape(currentShape));
        var recorded = file.ShapeAt(key, version);
        if (recorded is null)
        {
            reporter.Report(DiagnosticDescriptors.ShapeNotRecorded, location, properties, routine, Text(version));
            return;
        }

        var difference = ShapeComparison.Compare(recorded, current);
        if (difference.Breaking.Count > 0)
        {
            reporter.Report(DiagnosticDescriptors.ShapeChangedWithoutBump, location, properties, routine, Text(version), string.Join("; ", difference.Breaking), Text(version + 1));
        }
        else if (difference.Compatible.Count > 0)
        {
            reporter.Report(DiagnosticDescriptors.ShapeChangedCompatibly, location, properties, routine, Text(version), string.Join("; ", difference.Compatible));
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
