using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Routilux.Analyzers.Infrastructure;
using Routilux.Generators.Diagnostics;
using Routilux.Generators.Parsing;

namespace Routilux.Analyzers.State;

/// <summary>
/// The migration chain of one routine (RTLX2010-RTLX2012): at StateVersion n, exactly one [MigrateState(from: v)]
/// for each v from 1 to n - 1, and none outside that range. A migration with a wrong signature still counts as the
/// step it declares (its signature is a diagnostic of its own), so one mistake is never reported twice.
/// </summary>
internal static class MigrationChainChecks
{
    /// <summary>
    /// At most this many missing steps are reported per routine: a StateVersion typed as 1000 by mistake would
    /// otherwise bury the build under 999 diagnostics saying the same thing.
    /// </summary>
    private const int MaxGapsReported = 20;

    public static void Report(string routine, ParsedState state, DiagnosticReporter reporter)
    {
        var version = state.Spec.Version;
        var byFrom = new Dictionary<int, ParsedMigration>();
        foreach (var migration in state.Migrations)
        {
            var from = migration.Spec.From;
            var location = migration.AttributeLocation ?? migration.Location;
            if (from < 1 || from >= version)
            {
                reporter.Report(DiagnosticDescriptors.MigrationOutOfRange, location, migration.Method.Name, routine, Text(from), OutOfRangeReason(from, version));
            }
            else if (byFrom.TryGetValue(from, out var first))
            {
                reporter.Report(DiagnosticDescriptors.DuplicateMigration, location, first.Method.Name, migration.Method.Name, routine, Text(from));
            }
            else
            {
                byFrom.Add(from, migration);
            }
        }

        var reported = 0;
        for (var from = 1; from < version && reported < MaxGapsReported; from++)
        {
            if (!byFrom.ContainsKey(from))
            {
                var properties = ImmutableDictionary<string, string?>.Empty.Add(StateProperties.From, Text(from));
                reporter.Report(DiagnosticDescriptors.MigrationChainGap, state.StateVersionLocation, properties, routine, Text(version), Text(from), Text(from + 1));
                reported++;
            }
        }
    }

    private static string OutOfRangeReason(int from, int version)
    {
        if (from < 1)
        {
            return "state versions start at 1, so nothing is ever saved at version " + Text(from) + "; migrate from 1 or remove it";
        }

        var range = version == 1
            ? "the routine is at StateVersion 1, which reads no older version"
            : "the routine is at StateVersion " + Text(version) + ", so its migrations go from 1 to " + Text(version - 1);
        return range + "; if this is the newest step, set StateVersion = " + Text(from + 1);
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
