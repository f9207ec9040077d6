namespace Routilux.Generators;

/// <summary>
/// Names of the pipeline steps (WithTrackingName), so caching tests can find each step and assert it was reused.
/// </summary>
internal static class TrackingNames
{
    /// <summary>The ForAttributeWithMetadataName transform: one ParsedRoutine (a spec, or a placeholder) per [Routine] type.</summary>
    public const string RoutineSpecs = nameof(RoutineSpecs);

    /// <summary>The valid routines only.</summary>
    public const string ValidRoutines = nameof(ValidRoutines);

    /// <summary>The refused routines that get a placeholder or a diagnostic from the generator.</summary>
    public const string RefusedRoutines = nameof(RefusedRoutines);

    /// <summary>The catalogued routines' types, sorted.</summary>
    public const string CatalogTypes = nameof(CatalogTypes);

    /// <summary>The compilation's assembly name, reduced to a string so edits elsewhere leave it unchanged.</summary>
    public const string AssemblyName = nameof(AssemblyName);

    /// <summary>The catalog's full input: its routine types and the assembly name.</summary>
    public const string Catalog = nameof(Catalog);

    /// <summary>Every name above, for tests that walk all tracked steps.</summary>
    public static readonly string[] All = { RoutineSpecs, ValidRoutines, RefusedRoutines, CatalogTypes, AssemblyName, Catalog };
}
