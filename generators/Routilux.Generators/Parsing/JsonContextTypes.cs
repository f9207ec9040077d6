using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Routilux.Generators.Parsing;

/// <summary>
/// The types the assembly's [assembly: RoutiluxJsonContext(typeof(Ctx))] context covers, each with the expression of
/// its JsonTypeInfo&lt;T&gt;. A type counts as covered when the context class lists it in [JsonSerializable(typeof(T))]:
/// the System.Text.Json generator's output is invisible to this generator, but the attributes it reads are not.
/// </summary>
internal sealed class JsonContextTypes
{
    public static readonly JsonContextTypes None = new(null, new Dictionary<ITypeSymbol, string>(SymbolEqualityComparer.Default));

    private readonly Dictionary<ITypeSymbol, string> _typeInfos;

    private JsonContextTypes(string? contextType, Dictionary<ITypeSymbol, string> typeInfos)
    {
        ContextType = contextType;
        _typeInfos = typeInfos;
    }

    /// <summary>The context's global::-qualified type, or null when the assembly names none.</summary>
    public string? ContextType { get; }

    /// <summary>The context named by the assembly of <paramref name="routine"/>, or <see cref="None"/>.</summary>
    public static JsonContextTypes Of(INamedTypeSymbol routine)
    {
        foreach (var attribute in routine.ContainingAssembly.GetAttributes())
        {
            if (KnownTypes.IsRoutiluxJsonContextAttribute(attribute.AttributeClass)
                && attribute.ConstructorArguments.Length == 1
                && attribute.ConstructorArguments[0].Value is INamedTypeSymbol context)
            {
                return Read(context);
            }
        }

        return None;
    }

    /// <summary>The JsonTypeInfo&lt;T&gt; expression for <paramref name="type"/>, or null when the context does not list it.</summary>
    public string? TypeInfo(ITypeSymbol type) =>
        _typeInfos.TryGetValue(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated), out var expression) ? expression : null;

    private static JsonContextTypes Read(INamedTypeSymbol context)
    {
        var contextType = SymbolNames.Type(context);
        var typeInfos = new Dictionary<ITypeSymbol, string>(SymbolEqualityComparer.Default);
        foreach (var attribute in context.GetAttributes())
        {
            if (!KnownTypes.IsJsonSerializationAttribute(attribute.AttributeClass, "JsonSerializableAttribute")
                || attribute.ConstructorArguments.Length != 1
                || attribute.ConstructorArguments[0].Value is not ITypeSymbol listed)
            {
                continue;
            }

            var key = listed.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
            if (!typeInfos.ContainsKey(key))
            {
                typeInfos.Add(key, Expression(contextType, listed, KnownTypes.NamedArgument<string>(attribute, "TypeInfoPropertyName", null)));
            }
        }

        return new JsonContextTypes(contextType, typeInfos);
    }

    /// <summary>
    /// The generated property when its name is certain (TypeInfoPropertyName, or a non-generic named type's own
    /// name), so a context without it is a compile error and stays trim-safe; otherwise the context's typed lookup.
    /// </summary>
    private static string Expression(string contextType, ITypeSymbol listed, string? propertyName)
    {
        var name = propertyName
            ?? (listed is INamedTypeSymbol { Arity: 0, IsTupleType: false } named && named.SpecialType == SpecialType.None ? named.Name : null);
        var type = listed.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        return name is not null
            ? contextType + ".Default." + SymbolNames.Escape(name)
            : "((global::System.Text.Json.Serialization.Metadata.JsonTypeInfo<" + type + ">)" + contextType + ".Default.GetTypeInfo(typeof(" + type + "))!)";
    }
}
