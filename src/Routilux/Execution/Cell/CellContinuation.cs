namespace Routilux.Execution;

/// <summary>
/// One of a cell's continuations as a thread-pool work item, made once per cell: queuing a lambda with state instead
/// would allocate a work item per call, on paths a stream takes often (a delivery woken before its wait was set up).
/// Immutable; what it runs must hold the cell's claim already (entry points E5, E7).
/// </summary>
internal sealed class CellContinuation(RoutineCell cell, Action<RoutineCell> run) : IThreadPoolWorkItem
{
    /// <summary>Runs the continuation on a fresh pool thread's stack.</summary>
    void IThreadPoolWorkItem.Execute() => run(cell);
}
