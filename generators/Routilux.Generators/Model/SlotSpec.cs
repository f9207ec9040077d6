namespace Routilux.Generators.Model;

/// <summary>How a slot method returns, which decides how the dispatch adapts it to a ValueTask.</summary>
internal enum SlotReturnKind
{
    Void,
    ValueTask,
    Task,
}

/// <summary>One [Slot] method of a routine.</summary>
/// <param name="MethodName">The C# method name (also the name of the port extension method).</param>
/// <param name="Name">The slot's name in flows: [Slot(Name)] or the method name.</param>
/// <param name="Index">The slot's position among the routine's slots, in declaration order.</param>
/// <param name="Parameters">All parameters, in declaration order.</param>
/// <param name="PayloadType">The payload type: the single payload parameter's type, a tuple, or Routilux.Unit.</param>
/// <param name="ReturnKind">void, ValueTask or Task.</param>
/// <param name="Summary">The doc comment summary as plain text, or empty.</param>
/// <param name="Optional">[Slot(Optional)].</param>
/// <param name="Capacity">[Slot(Capacity)], zero for the runtime's default.</param>
/// <param name="WhenFull">[Slot(WhenFull)] as a C# expression, or empty when not set (the runtime's default).</param>
/// <param name="PayloadVisibility">The narrowest accessibility of the types in the payload, which caps the port method's.</param>
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
    Visibility PayloadVisibility);
