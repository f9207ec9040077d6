using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Routilux.Generators.Diagnostics;
using Routilux.Analyzers.Infrastructure;
using Routilux.Generators.Model;

namespace Routilux.Analyzers.Wiring;

/// <summary>
/// Reports what is wrong with a flow read whole: what was found along the way (RTLX1003-RTLX1008), and, for a flow
/// that is built, slots nobody connects (RTLX1001), events nobody listens to (RTLX1002) and a missing entry
/// (RTLX1009).
/// </summary>
internal static class FlowChecks
{
    public static void Report(FlowModel flow, Compilation compilation, DiagnosticReporter reporter)
    {
        foreach (var finding in flow.Findings)
        {
            reporter.Report(finding.Descriptor, finding.Location, finding.Arguments);
        }

        if (!flow.IsBuilt || flow.Routines.Count == 0)
        {
            return;
        }

        if (flow.EntryCalls == 0)
        {
            reporter.Report(DiagnosticDescriptors.NoEntry, flow.Creation.Syntax.GetLocation(), flow.FlowId is null ? "The flow" : "Flow '" + flow.FlowId + "'");
        }

        var connectedSlots = new HashSet<string>();
        var connectedEvents = new HashSet<string>();
        foreach (var (from, to) in flow.Connections)
        {
            connectedEvents.Add(from.ToString());
            connectedSlots.Add(to.ToString());
        }

        foreach (var entry in flow.Entries)
        {
            connectedSlots.Add(entry.ToString());
        }

        foreach (var mentioned in flow.MentionedSlots)
        {
            connectedSlots.Add(mentioned.ToString());
        }

        // Unlike FlowBuilder.Build, a flow without an entry still gets RTLX1001 on each slot nothing feeds: each is
        // located where its fix ("mark as an entry") applies.

        foreach (var routine in flow.Routines)
        {
            var location = routine.Call.Syntax.GetLocation();
            foreach (var slot in routine.Shape.Spec.Slots)
            {
                if (!slot.Optional && !connectedSlots.Contains(routine.Id + "." + slot.Name))
                {
                    reporter.Report(DiagnosticDescriptors.UnconnectedSlot, location, FixProperties(flow, routine, slot, compilation), slot.Name, routine.Id, flow.Display);
                }
            }

            foreach (var emit in routine.Shape.Spec.Events)
            {
                if (!connectedEvents.Contains(routine.Id + "." + emit.Name))
                {
                    reporter.Report(DiagnosticDescriptors.UnconnectedEvent, location, emit.Name, routine.Id, flow.Display);
                }
            }
        }
    }

    /// <summary>What the code fix needs to connect the slot or make it an entry, without analyzing again.</summary>
    private static ImmutableDictionary<string, string?> FixProperties(FlowModel flow, AddedRoutine routine, SlotSpec slot, Compilation compilation)
    {
        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        properties[WiringProperties.Builder] = flow.Builder.Name;
        properties[WiringProperties.RoutineId] = routine.Id;
        properties[WiringProperties.SlotMethod] = slot.PortMethodName;
        properties[WiringProperties.SlotName] = slot.Name;
        if (routine.Handle is { } handle)
        {
            properties[WiringProperties.Handle] = handle.Name;
        }

        var count = 0;
        if (routine.Shape.Payload(slot, compilation) is { } payload)
        {
            foreach (var source in flow.Routines)
            {
                if (source == routine)
                {
                    continue;
                }

                foreach (var emit in source.Shape.Spec.Events)
                {
                    if (source.Shape.Payload(emit, compilation) is { } sent && compilation.ClassifyCommonConversion(sent, payload).IsIdentity)
                    {
                        properties[WiringProperties.Candidate(count, "RoutineId")] = source.Id;
                        properties[WiringProperties.Candidate(count, "Handle")] = source.Handle?.Name;
                        properties[WiringProperties.Candidate(count, "Method")] = emit.MethodName;
                        properties[WiringProperties.Candidate(count, "Name")] = emit.Name;
                        count++;
                    }
                }
            }
        }

        properties[WiringProperties.CandidateCount] = count.ToString(CultureInfo.InvariantCulture);
        return properties.ToImmutable();
    }
}
