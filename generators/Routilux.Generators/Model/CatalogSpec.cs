namespace Routilux.Generators.Model;

/// <summary>
/// The input of the catalog file: the global::-qualified types of every catalogued routine of the compilation,
/// sorted ordinally so the output does not depend on file order, and the assembly name that names the class.
/// </summary>
internal sealed record CatalogSpec(string AssemblyName, EquatableArray<string> RoutineTypes);
