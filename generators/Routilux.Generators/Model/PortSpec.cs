namespace Routilux.Generators.Model;

/// <summary>One typed port extension method: <c>handle.Word()</c> returning a SlotPort or EventPort.</summary>
/// <param name="MethodName">The extension method's name (the [Slot]/[Emits] method's, or a join slot's).</param>
/// <param name="IsSlot">True for a SlotPort, false for an EventPort.</param>
/// <param name="PayloadType">The port's payload type as C#.</param>
/// <param name="PayloadVisibility">The narrowest accessibility of the payload's types; a hidden one leaves the port out.</param>
/// <param name="Index">The port's position among the routine's slots or events.</param>
/// <param name="Description">The doc comment summary of the port method, as plain text.</param>
internal sealed record PortSpec(string MethodName, bool IsSlot, string PayloadType, Visibility PayloadVisibility, int Index, string Description);

/// <summary>The static class of a routine's port extension methods.</summary>
/// <param name="ClassName">The class's name ("TokenizerPorts").</param>
/// <param name="RoutineType">The routine's global::-qualified type, the handle's type argument.</param>
/// <param name="RoutineVisibility">The routine's visibility, which caps the class's and every method's.</param>
/// <param name="TypeParameters">The routine's (and its enclosing types') type parameters, which every method repeats.</param>
/// <param name="Ports">The ports, slots first, each in declaration order.</param>
internal sealed record PortsSpec(
    string ClassName,
    string RoutineType,
    Visibility RoutineVisibility,
    EquatableArray<TypeParameterSpec> TypeParameters,
    EquatableArray<PortSpec> Ports);
