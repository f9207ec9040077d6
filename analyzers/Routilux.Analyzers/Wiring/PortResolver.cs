using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Routilux.Analyzers.Wiring;

/// <summary>What a port expression in a Connect or Entry call refers to.</summary>
internal enum PortOutcome
{
    /// <summary>A port of a routine of this flow: <see cref="PortResolution.Port"/> says which.</summary>
    Resolved,

    /// <summary>A port of a routine added to another FlowBuilder of the same method.</summary>
    Foreign,

    /// <summary>Something the analyzer does not follow; the flow is then not checked.</summary>
    Unknown,
}

/// <summary>The outcome of resolving one port expression.</summary>
internal readonly record struct PortResolution(PortOutcome Outcome, PortUse? Port, string ForeignRoutineId);

/// <summary>
/// Resolves the typed ports of Connect and Entry (<c>tokenizer.Word()</c>: a generated extension method on a
/// handle) to the routine and port they name.
/// </summary>
internal sealed class PortResolver
{
    private static readonly PortResolution Unknown = new(PortOutcome.Unknown, null, string.Empty);

    private readonly WiringSymbols _symbols;
    private readonly BuilderUses _uses;
    private readonly Dictionary<IInvocationOperation, AddedRoutine> _routinesByAdd;

    public PortResolver(WiringSymbols symbols, BuilderUses uses, Dictionary<IInvocationOperation, AddedRoutine> routinesByAdd)
    {
        _symbols = symbols;
        _uses = uses;
        _routinesByAdd = routinesByAdd;
    }

    public PortResolution Resolve(IOperation expression)
    {
        if (Unwrap(expression) is not IInvocationOperation { TargetMethod.IsExtensionMethod: true, Arguments.Length: 1 } port
            || _symbols.PortKindOf(port.Type) is not { } kind)
        {
            return Unknown;
        }

        var add = Unwrap(port.Arguments[0].Value) switch
        {
            ILocalReferenceOperation handle => _uses.Origin(handle.Local) is { } origin ? origin.Add : null,
            IInvocationOperation call when call.TargetMethod.Name == "Add" && _symbols.IsFlowBuilder(call.TargetMethod.ContainingType) => call,
            _ => null,
        };
        if (add is null)
        {
            return Unknown;
        }

        if (!SymbolEqualityComparer.Default.Equals(_uses.BuilderOf(add), _uses.Builder))
        {
            // Added to another builder local of this method: a definite mistake, when its id is a literal.
            return _uses.BuilderOf(add) is not null && add.Arguments.Length > 0 && add.Arguments[0].Value.ConstantValue.Value is string id
                ? new PortResolution(PortOutcome.Foreign, null, id)
                : Unknown;
        }

        if (!_routinesByAdd.TryGetValue(add, out var routine))
        {
            return Unknown;
        }

        var name = kind == PortKind.Slot
            ? routine.Shape.SlotByPortMethod(port.TargetMethod.Name)?.Name
            : routine.Shape.EventByMethod(port.TargetMethod.Name)?.Name;
        return name is null ? Unknown : new PortResolution(PortOutcome.Resolved, new PortUse(routine, name, kind), string.Empty);
    }

    /// <summary>
    /// Resolves "routineId.PortName" as FlowBuilder does (split at the last dot), or says in <paramref name="problem"/>
    /// what it names instead.
    /// </summary>
    public static PortUse? ResolveName(FlowModel flow, string text, PortKind kind, out string problem)
    {
        var dot = text.LastIndexOf('.');
        if (dot <= 0 || dot == text.Length - 1)
        {
            problem = "no port: a reference is \"routineId." + (kind == PortKind.Slot ? "SlotName" : "EventName") + "\"";
            return null;
        }

        var id = text.Substring(0, dot);
        var name = text.Substring(dot + 1);
        if (flow.Routine(id) is not { } routine)
        {
            problem = "routine '" + id + "', which is not added to " + flow.Display;
            return null;
        }

        var exists = kind == PortKind.Slot ? routine.Shape.Slot(name) is not null : routine.Shape.Event(name) is not null;
        if (!exists)
        {
            problem = "no " + (kind == PortKind.Slot ? "slot" : "event") + " of routine '" + id + "' (" + routine.Shape.DisplayName + ")";
            return null;
        }

        problem = string.Empty;
        return new PortUse(routine, name, kind);
    }

    private static IOperation? Unwrap(IOperation? operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }
}
