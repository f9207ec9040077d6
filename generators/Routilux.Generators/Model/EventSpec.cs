namespace Routilux.Generators.Model;

/// <summary>One [Emits] partial method of a routine, whose body the generator writes.</summary>
/// <param name="MethodName">The C# method name (also the name of the port extension method).</param>
/// <param name="Name">The event's name in flows: [Emits(Name)] or the method name.</param>
/// <param name="Index">The event's position among the routine's events, in declaration order.</param>
/// <param name="Parameters">All parameters, in declaration order, repeated in the implementation's signature.</param>
/// <param name="PayloadType">The payload type: the single payload parameter's type, a tuple, or Routilux.Unit.</param>
/// <param name="IsAsync">True when the method returns ValueTask (emits and flushes), false for void.</param>
/// <param name="Modifiers">The declaration's modifiers except 'partial', in source order (such as "public").</param>
/// <param name="Summary">The doc comment summary as plain text, or empty.</param>
/// <param name="PayloadVisibility">The narrowest accessibility of the types in the payload, which caps the port method's.</param>
internal sealed record EventSpec(
    string MethodName,
    string Name,
    int Index,
    EquatableArray<ParameterSpec> Parameters,
    string PayloadType,
    bool IsAsync,
    string Modifiers,
    string Summary,
    Visibility PayloadVisibility);
