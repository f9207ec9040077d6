using Microsoft.CodeAnalysis;

namespace Routilux.Analyzers.State;

/// <summary>
/// The stable text of a state member's type in RoutiluxState.Shipped.json: namespace-qualified without "global::",
/// C# keywords for special types ("int", "string"), generic arguments in angle brackets, "?" only on nullable value
/// types (Nullable&lt;T&gt; is a different type; a nullable reference annotation is not, and writes the same JSON),
/// and tuples as System.ValueTuple&lt;...&gt; (element names are not part of the saved shape). Examples:
/// <c>int</c>, <c>long?</c>, <c>string</c>, <c>System.Collections.Generic.List&lt;Demo.Order&gt;</c>, <c>int[]</c>.
/// </summary>
internal static class ShapeTypeText
{
    public static readonly SymbolDisplayFormat Format = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.ExpandValueTuple);

    public static string Of(ITypeSymbol type) => type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(Format);

    /// <summary>The key of a routine in the shape file: its full type name in the same form ("Demo.Outer.Counter").</summary>
    public static string RoutineKey(INamedTypeSymbol routine) => routine.ToDisplayString(Format);
}
