namespace Routilux.Generators.Model;

/// <summary>A type that encloses a nested routine; the generated code repeats it as a partial declaration.</summary>
/// <param name="Keyword">"class", "struct", "record", "record struct" or "interface".</param>
/// <param name="Name">The type's name without type parameters, without a verbatim '@'.</param>
/// <param name="TypeParameters">The names of its own type parameters.</param>
internal sealed record ContainingTypeSpec(string Keyword, string Name, EquatableArray<string> TypeParameters);

/// <summary>A type parameter of a generic routine (or of a type enclosing it), copied onto port methods.</summary>
/// <param name="Name">The type parameter's name.</param>
/// <param name="Constraints">The constraint list as C# ("class, global::System.IDisposable, new()"), or empty.</param>
internal sealed record TypeParameterSpec(string Name, string Constraints);

/// <summary>
/// Who may see a type from outside the routine class: decides whether the ports class and each port method are
/// public or internal, and whether a routine is catalogued. Ordered from widest to narrowest.
/// </summary>
internal enum Visibility
{
    /// <summary>Public all the way out.</summary>
    Public,

    /// <summary>Visible within the assembly only.</summary>
    Internal,

    /// <summary>Private or protected somewhere: nothing outside the class can name it.</summary>
    Hidden,
}
