namespace Routilux.Generators.Model;

/// <summary>How a slot method returns, which decides how the dispatch adapts it to a ValueTask.</summary>
internal enum SlotReturnKind
{
    Void,
    ValueTask,
    Task,
}

/// <summary>
/// One slot of a routine: a [Slot] method, or one payload parameter of a [Join] method (a join with two payload
/// parameters gives two SlotSpecs with consecutive indices, sharing the method and its parameters).
/// </summary>
/// <param name="MethodName">The C# method the dispatch calls (for a [Slot], also the name of its port extension method).</param>
/// <param name="Name">The slot's name in flows: [Slot(Name)] or the method name; for a join slot, the parameter name with its first letter upper-cased.</param>
/// <param name="Index">The slot's position among the routine's slots, in declaration order.</param>
/// <param name="Parameters">All parameters of the method, in declaration order.</param>
/// <param name="PayloadType">
/// The payload type: the single payload parameter's type, a tuple, or Routilux.Unit; the list's element type for a
/// buffered slot; the slot's own parameter type for a join slot.
/// </param>
/// <param name="ReturnKind">void, ValueTask or Task.</param>
/// <param name="Summary">The doc comment summary as plain text, or empty.</param>
/// <param name="Optional">[Slot(Optional)] or [Join(Optional)].</param>
/// <param name="Capacity">[Slot(Capacity)] or [Join(Capacity)], zero for the runtime's default.</param>
/// <param name="WhenFull">[Slot(WhenFull)] as a C# expression, or empty when not set (the runtime's default).</param>
/// <param name="PayloadVisibility">The narrowest accessibility of the types in the payload, which caps the port method's.</param>
/// <param name="Activation">When the handler runs: Immediate, a buffered activation, or AllSlotsReady for a join slot.</param>
/// <param name="JoinGroup">For a join slot, the index of the join's first slot (the one its method is invoked with); otherwise -1.</param>
internal sealed record SlotSpec(
    string MethodName,
    string Name,
    int Index,
    EquatableArray<ParameterSpec> Parameters,
    string PayloadType,
    SlotReturnKind ReturnKind,
    string Summary,
    bool Optional,
    int Capacity,
    string WhenFull,
    Visibility PayloadVisibility,
    ActivationSpec Activation,
    int JoinGroup)
{
    public bool IsJoin => JoinGroup >= 0;

    /// <summary>The first slot of a join carries the dispatch case that invokes the join method.</summary>
    public bool IsJoinHead => JoinGroup == Index;

    /// <summary>The name of the port extension method: the method's for a [Slot], the slot's for a join slot.</summary>
    public string PortMethodName => IsJoin ? Name : MethodName;
}
