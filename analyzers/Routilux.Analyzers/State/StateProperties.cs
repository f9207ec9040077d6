namespace Routilux.Analyzers.State;

/// <summary>
/// The keys of the Diagnostic.Properties the state analyzers give their code fixes, so a fix never analyzes again:
/// the routine's key in the shape file, its StateVersion, its current shape, and the member or version concerned.
/// </summary>
internal static class StateProperties
{
    /// <summary>The routine's full type name, its key in RoutiluxState.Shipped.json.</summary>
    public const string Routine = "Routine";

    /// <summary>The routine's current StateVersion.</summary>
    public const string Version = "Version";

    /// <summary>The routine's current shape, as <see cref="ShapeFileWriter.WriteShape"/> writes it.</summary>
    public const string Shape = "Shape";

    /// <summary>RTLX2013: the JSON name to pin.</summary>
    public const string JsonName = "JsonName";

    /// <summary>RTLX2010: the version the missing migration migrates from.</summary>
    public const string From = "From";
}
