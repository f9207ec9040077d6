namespace Routilux;

/// <summary>A reference to a port ("routine.Port") recorded by a <see cref="FlowBuilder"/> and resolved when it builds.</summary>
internal readonly record struct PortReference(string RoutineId, string PortName)
{
    public override string ToString() => $"{RoutineId}.{PortName}";
}

/// <summary>A connection recorded by a <see cref="FlowBuilder"/>, resolved and type-checked when it builds.</summary>
internal readonly record struct PendingConnection(PortReference From, PortReference To);
