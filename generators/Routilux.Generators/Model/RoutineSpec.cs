namespace Routilux.Generators.Model;

/// <summary>
/// Everything the emitters need about one [Routine] class, as plain values. It holds no symbols or syntax, so the
/// incremental pipeline can compare it with the previous run's and skip emitting when nothing relevant changed.
/// </summary>
/// <param name="Namespace">The containing namespace ("A.B"), or empty for the global namespace.</param>
/// <param name="ContainingTypes">Enclosing types, outermost first.</param>
/// <param name="TypeName">The class name without type parameters.</param>
/// <param name="TypeParameters">The class's own type parameter names.</param>
/// <param name="AllTypeParameters">Type parameters of the enclosing types and the class, outermost first, with constraints.</param>
/// <param name="FullyQualifiedName">The global::-qualified type ("global::Demo.Buffer&lt;T&gt;").</param>
/// <param name="DisplayName">The name used in runtime error messages ("Buffer&lt;T&gt;").</param>
/// <param name="CatalogName">The descriptor name: [Routine(Name)] or the display name.</param>
/// <param name="Summary">The class doc comment summary as plain text, or empty.</param>
/// <param name="ErrorPolicy">The [OnError] attribute re-created as a C# expression, or empty when there is none.</param>
/// <param name="HasFactory">Whether the class is concrete with an accessible parameterless constructor.</param>
/// <param name="Visibility">The routine's effective accessibility, for the ports class and catalog.</param>
/// <param name="PortsClassName">The name of the generated static class of port extension methods.</param>
/// <param name="HintName">The stable, unique file name of the routine's generated source.</param>
/// <param name="Slots">The slots, in declaration order.</param>
/// <param name="Events">The events, in declaration order.</param>
/// <param name="State">The saved state as declared: version, members, migrations.</param>
/// <param name="Serialization">The JSON codecs of the payloads and state members.</param>
internal sealed record RoutineSpec(
    string Namespace,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    string TypeName,
    EquatableArray<string> TypeParameters,
    EquatableArray<TypeParameterSpec> AllTypeParameters,
    string FullyQualifiedName,
    string DisplayName,
    string CatalogName,
    string Summary,
    string ErrorPolicy,
    bool HasFactory,
    Visibility Visibility,
    string PortsClassName,
    string HintName,
    EquatableArray<SlotSpec> Slots,
    EquatableArray<EventSpec> Events,
    StateSpec State,
    SerializationSpec Serialization)
{
    /// <summary>Generic routines (or routines nested in generic types) cannot be created by name.</summary>
    public bool IsGeneric => AllTypeParameters.Count > 0;

    /// <summary>Only closed, accessible routine types can be registered by the assembly's module initializer.</summary>
    public bool IsCatalogued => !IsGeneric && Visibility != Visibility.Hidden;
}
