using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Routilux.Analyzers.Infrastructure;
using Routilux.Generators.Diagnostics;
using Routilux.Generators.Parsing;

namespace Routilux.Analyzers.State;

/// <summary>
/// The saved names of one routine's state members: no two members share a name, counting former names (RTLX2014);
/// and once the routine's state has shipped (the shape file records it), every name is pinned with
/// [State(Name = ...)] rather than taken from the C# name a refactoring may change (RTLX2013).
/// </summary>
internal static class StateNameChecks
{
    /// <summary>Reports collisions; returns whether there were any (the shape of such a routine is not compared).</summary>
    public static bool ReportCollisions(string routine, ParsedState state, DiagnosticReporter reporter)
    {
        // Each name read or written, with the first member claiming it and how ("the saved name of 'X'").
        var claimed = new Dictionary<string, (ParsedStateMember Member, string How)>(StringComparer.Ordinal);
        var any = false;
        foreach (var member in state.Members)
        {
            var spec = member.Spec;
            var names = new List<(string Name, string How)> { (spec.JsonName, "the saved name of '" + spec.Name + "'") };
            foreach (var former in spec.FormerNames)
            {
                names.Add((former, "a former name of '" + spec.Name + "'"));
            }

            foreach (var (name, how) in names)
            {
                if (claimed.TryGetValue(name, out var owner) && !ReferenceEquals(owner.Member, member))
                {
                    reporter.Report(DiagnosticDescriptors.StateNameCollision, member.Location, spec.Name, routine, name, owner.How);
                    any = true;
                    break;
                }

                if (!claimed.ContainsKey(name))
                {
                    claimed.Add(name, (member, how));
                }
            }
        }

        return any;
    }

    public static void ReportUnpinned(string routine, ParsedState state, DiagnosticReporter reporter)
    {
        foreach (var member in state.Members)
        {
            if (!member.Spec.NameIsExplicit)
            {
                var properties = ImmutableDictionary<string, string?>.Empty.Add(StateProperties.JsonName, member.Spec.JsonName);
                reporter.Report(DiagnosticDescriptors.UnpinnedStateName, member.Location, properties, member.Spec.Name, routine, member.Spec.JsonName);
            }
        }
    }
}
