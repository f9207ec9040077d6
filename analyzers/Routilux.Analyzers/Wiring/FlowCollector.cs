using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Routilux.Generators.Diagnostics;

namespace Routilux.Analyzers.Wiring;

/// <summary>
/// Reads one method's use of one FlowBuilder into a <see cref="FlowModel"/>: routines added with literal ids,
/// connections and entries, typed or by name. Returns null as soon as something is not understood (a non-literal
/// id, a port from an unknown place, a routine that is not valid), because a partial picture would make the
/// whole-flow checks wrong.
/// </summary>
internal sealed class FlowCollector
{
    private readonly WiringSymbols _symbols;
    private readonly RoutineShapes _shapes;
    private readonly Compilation _compilation;
    private readonly CancellationToken _cancellationToken;

    public FlowCollector(WiringSymbols symbols, RoutineShapes shapes, Compilation compilation, CancellationToken cancellationToken)
    {
        _symbols = symbols;
        _shapes = shapes;
        _compilation = compilation;
        _cancellationToken = cancellationToken;
    }

    public FlowModel? Collect(IObjectCreationOperation creation)
    {
        if (BuilderUses.Find(creation, _symbols) is not { } uses)
        {
            return null;
        }

        var flowId = creation.Arguments.Length == 1 ? creation.Arguments[0].Value.ConstantValue.Value as string : null;
        var flow = new FlowModel(uses.Builder, creation, flowId);

        // Adds first, so every port can be traced to its routine whatever the order of the calls.
        var routinesByAdd = new Dictionary<IInvocationOperation, AddedRoutine>();
        foreach (var call in uses.Calls)
        {
            if (call.TargetMethod.Name == "Add" && !AddRoutine(flow, call, routinesByAdd))
            {
                return null;
            }
        }

        var resolver = new PortResolver(_symbols, uses, routinesByAdd);
        foreach (var call in uses.Calls)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var understood = call.TargetMethod.Name switch
            {
                "Add" => true,
                "Connect" or "ConnectByName" => Connect(flow, call, resolver),
                "Entry" or "EntryByName" => Entry(flow, call, resolver),
                "Build" => flow.IsBuilt = true,
                "OnError" or "SetCapacity" or "SetQueuePolicy" => true,
                _ => false,
            };
            if (!understood)
            {
                return null;
            }
        }

        return flow;
    }

    private bool AddRoutine(FlowModel flow, IInvocationOperation call, Dictionary<IInvocationOperation, AddedRoutine> routinesByAdd)
    {
        if (call.TargetMethod.TypeArguments.Length != 1
            || call.Arguments.Length == 0
            || call.Arguments[0].Value.ConstantValue.Value is not string id
            || _shapes.Of(call.TargetMethod.TypeArguments[0], _cancellationToken) is not { } shape)
        {
            return false;
        }

        var handle = call.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } ? declarator.Symbol : null;
        var routine = new AddedRoutine(id, shape, call, handle);
        routinesByAdd[call] = routine;
        if (flow.Routine(id) is not null)
        {
            flow.Findings.Add(new Finding(DiagnosticDescriptors.DuplicateRoutineId, call.Arguments[0].Syntax.GetLocation(), new object?[] { id, flow.Display }));
        }
        else
        {
            flow.Routines.Add(routine);
        }

        // Add<T>(id) without a factory needs the parameterless constructor the generator found none of.
        if (call.TargetMethod.Parameters.Length == 1 && !shape.Spec.HasFactory)
        {
            flow.Findings.Add(new Finding(DiagnosticDescriptors.NoConstructorWithoutFactory, call.Syntax.GetLocation(), new object?[] { id, shape.DisplayName }));
        }

        return true;
    }

    private bool Connect(FlowModel flow, IInvocationOperation call, PortResolver resolver)
    {
        if (call.Arguments.Length != 2)
        {
            return false;
        }

        PortUse? from;
        PortUse? to;
        if (IsString(call.Arguments[0]))
        {
            if (!ByName(flow, call.Arguments[0], PortKind.Event, out from) || !ByName(flow, call.Arguments[1], PortKind.Slot, out to))
            {
                return false;
            }

            if (from is not null && to is not null)
            {
                CheckPayloads(flow, call, from, to);
            }
        }
        else if (!Typed(flow, call.Arguments[0], resolver, out from) || !Typed(flow, call.Arguments[1], resolver, out to))
        {
            return false;
        }

        if (from is not null && to is not null)
        {
            var duplicate = flow.Connections.Exists(c => c.From.ToString() == from.ToString() && c.To.ToString() == to.ToString());
            if (duplicate)
            {
                flow.Findings.Add(new Finding(DiagnosticDescriptors.DuplicateConnection, call.Syntax.GetLocation(), new object?[] { from.ToString(), to.ToString() }));
            }

            flow.Connections.Add((from, to));
        }
        else if (to is not null)
        {
            flow.MentionedSlots.Add(to);
        }

        return true;
    }

    private static bool Entry(FlowModel flow, IInvocationOperation call, PortResolver resolver)
    {
        if (call.Arguments.Length != 1)
        {
            return false;
        }

        flow.EntryCalls++;
        PortUse? slot;
        var understood = IsString(call.Arguments[0]) ? ByName(flow, call.Arguments[0], PortKind.Slot, out slot) : Typed(flow, call.Arguments[0], resolver, out slot);
        if (slot is not null)
        {
            flow.Entries.Add(slot);
        }

        return understood;
    }

    /// <summary>A typed port: false when not understood; <paramref name="port"/> null when it belongs to another flow (reported).</summary>
    private static bool Typed(FlowModel flow, IArgumentOperation argument, PortResolver resolver, out PortUse? port)
    {
        var resolution = resolver.Resolve(argument.Value);
        port = resolution.Port;
        if (resolution.Outcome == PortOutcome.Foreign)
        {
            flow.Findings.Add(new Finding(DiagnosticDescriptors.ForeignPort, argument.Syntax.GetLocation(), new object?[] { argument.Syntax.ToString(), resolution.ForeignRoutineId, flow.Display }));
        }

        return resolution.Outcome != PortOutcome.Unknown;
    }

    /// <summary>A "routine.Port" literal: false when not a literal; <paramref name="port"/> null when it names nothing (reported).</summary>
    private static bool ByName(FlowModel flow, IArgumentOperation argument, PortKind kind, out PortUse? port)
    {
        port = null;
        if (argument.Value.ConstantValue.Value is not string text)
        {
            return false;
        }

        port = PortResolver.ResolveName(flow, text, kind, out var problem);
        if (port is null)
        {
            flow.Findings.Add(new Finding(DiagnosticDescriptors.UnknownPort, argument.Syntax.GetLocation(), new object?[] { text, problem }));
        }

        return true;
    }

    private void CheckPayloads(FlowModel flow, IInvocationOperation call, PortUse from, PortUse to)
    {
        var source = from.Routine.Shape.Event(from.Name) is { } emit ? from.Routine.Shape.Payload(emit, _compilation) : null;
        var target = to.Routine.Shape.Slot(to.Name) is { } slot ? to.Routine.Shape.Payload(slot, _compilation) : null;

        // The runtime compares System.Type objects: tuple names and nullable annotations do not count.
        if (source is not null && target is not null && !_compilation.ClassifyCommonConversion(source, target).IsIdentity)
        {
            flow.Findings.Add(new Finding(DiagnosticDescriptors.PayloadMismatch, call.Syntax.GetLocation(),
                new object?[] { from.ToString(), Display(source!), to.ToString(), Display(target!) }));
        }
    }

    private static bool IsString(IArgumentOperation argument) => argument.Parameter?.Type.SpecialType == SpecialType.System_String;

    private static string Display(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
}
