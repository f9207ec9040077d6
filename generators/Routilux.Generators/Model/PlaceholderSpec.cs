namespace Routilux.Generators.Model;

/// <summary>
/// What the generator writes for a [Routine] class it refused (the analyzers, or the generator itself, report why):
/// just enough that the rest of the compilation is quiet, so the build shows the RTLX error and not the compiler
/// errors a missing part would cause (CS8795 for an [Emits] method without its body, CS0311 for Add&lt;T&gt;,
/// CS1061 for a port method). Every generated member throws; a build with RTLX errors never runs it.
/// </summary>
/// <param name="Namespace">The containing namespace ("A.B"), or empty for the global namespace.</param>
/// <param name="ContainingTypes">Enclosing types, outermost first.</param>
/// <param name="Type">The routine's own declaration: its keyword, name and type parameter names.</param>
/// <param name="FullyQualifiedName">The global::-qualified type.</param>
/// <param name="DisplayName">The name used in the placeholder's exception message.</param>
/// <param name="HintName">The stable, unique file name of the generated source.</param>
/// <param name="ImplementsDefinition">
/// Whether the part implements IRoutineDefinition (with a throwing descriptor), so <c>flow.Add&lt;T&gt;</c> still
/// binds; false where the type cannot implement it (a static class) or the language version cannot (C# below 11).
/// </param>
/// <param name="Members">The partial members to complete: [Emits] bodies, or the declaration of an orphaned body.</param>
/// <param name="Ports">The port extension methods to declare, or null for none.</param>
internal sealed record PlaceholderSpec(
    string Namespace,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    ContainingTypeSpec Type,
    string FullyQualifiedName,
    string DisplayName,
    string HintName,
    bool ImplementsDefinition,
    EquatableArray<PartialMemberSpec> Members,
    PortsSpec? Ports);

/// <summary>One partial method the placeholder completes.</summary>
/// <param name="Signature">The declaration as C#, without attributes, body or semicolon ("public partial void Word(string word)").</param>
/// <param name="IsDefinition">
/// True to write a body-less defining declaration (the user wrote only a body, CS0759 otherwise); false to write an
/// implementing declaration with a throwing body (the user wrote only the declaration, CS8795 otherwise).
/// </param>
internal sealed record PartialMemberSpec(string Signature, bool IsDefinition);
