using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Routilux.Generators.Model;

namespace Routilux.Generators.Parsing;

/// <summary>Turns symbols into the names generated code uses: fully qualified types, constraints, hint names.</summary>
internal static class SymbolNames
{
    /// <summary>
    /// global::-qualified, with nullable annotations kept so a partial implementation's signature matches the
    /// declaration exactly ("string?" stays "string?") and tuple element names kept.
    /// </summary>
    public static readonly SymbolDisplayFormat FullyQualified = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static string Type(ITypeSymbol type) => type.ToDisplayString(FullyQualified);

    /// <summary>An identifier as C# source: keywords get a verbatim '@'.</summary>
    public static string Escape(string identifier) =>
        SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None ? "@" + identifier : identifier;

    /// <summary>The containing namespace as written in a namespace declaration, or empty for the global namespace.</summary>
    public static string Namespace(INamedTypeSymbol type)
    {
        var ns = type.ContainingNamespace;
        return ns is null || ns.IsGlobalNamespace ? string.Empty : ns.ToDisplayString(FullyQualified).Substring("global::".Length);
    }

    /// <summary>The enclosing types of a nested class, outermost first.</summary>
    public static List<INamedTypeSymbol> ContainingTypes(INamedTypeSymbol type)
    {
        var chain = new List<INamedTypeSymbol>();
        for (var current = type.ContainingType; current is not null; current = current.ContainingType)
        {
            chain.Insert(0, current);
        }

        return chain;
    }

    public static ContainingTypeSpec ContainingType(INamedTypeSymbol type) =>
        new(TypeKeyword(type), type.Name, TypeParameterNames(type));

    public static EquatableArray<string> TypeParameterNames(INamedTypeSymbol type)
    {
        var names = new string[type.TypeParameters.Length];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = type.TypeParameters[i].Name;
        }

        return new EquatableArray<string>(names);
    }

    /// <summary>The type parameters of the enclosing types and the type itself, outermost first, with constraints.</summary>
    public static EquatableArray<TypeParameterSpec> AllTypeParameters(INamedTypeSymbol type)
    {
        var all = new List<TypeParameterSpec>();
        foreach (var outer in ContainingTypes(type))
        {
            foreach (var parameter in outer.TypeParameters)
            {
                all.Add(new TypeParameterSpec(parameter.Name, Constraints(parameter)));
            }
        }

        foreach (var parameter in type.TypeParameters)
        {
            all.Add(new TypeParameterSpec(parameter.Name, Constraints(parameter)));
        }

        return new EquatableArray<TypeParameterSpec>(all.ToArray());
    }

    private static string TypeKeyword(INamedTypeSymbol type) => type.TypeKind switch
    {
        TypeKind.Struct => type.IsRecord ? "record struct" : "struct",
        TypeKind.Interface => "interface",
        _ => type.IsRecord ? "record" : "class",
    };

    /// <summary>
    /// The static class of port extension methods: the enclosing types' names and the routine's, then "Ports"
    /// ("Stages.Parse" gets "StagesParsePorts"), beside the routine in its namespace.
    /// </summary>
    public static string PortsClassName(INamedTypeSymbol type)
    {
        var builder = new StringBuilder();
        foreach (var containing in ContainingTypes(type))
        {
            builder.Append(containing.Name);
        }

        return builder.Append(type.Name).Append("Ports").ToString();
    }

    /// <summary>The routine's name in messages: "Buffer&lt;T&gt;" for generics, the plain name otherwise.</summary>
    public static string DisplayName(INamedTypeSymbol type) =>
        type.TypeParameters.Length == 0 ? type.Name : type.Name + "<" + string.Join(", ", TypeParameterNames(type)) + ">";

    /// <summary>
    /// A stable file name: namespace, enclosing types and the class, each generic one suffixed with "_T" and its
    /// arity ("Demo.Buffer_T1.Routine.g.cs"), so routines that differ only in arity get distinct files.
    /// </summary>
    public static string HintName(INamedTypeSymbol type)
    {
        var builder = new StringBuilder();
        var ns = Namespace(type);
        if (ns.Length > 0)
        {
            builder.Append(ns.Replace("@", string.Empty)).Append('.');
        }

        foreach (var containing in ContainingTypes(type))
        {
            AppendHintPart(builder, containing).Append('.');
        }

        return AppendHintPart(builder, type).Append(".Routine.g.cs").ToString();
    }

    private static StringBuilder AppendHintPart(StringBuilder builder, INamedTypeSymbol type)
    {
        builder.Append(type.Name);
        return type.Arity == 0 ? builder : builder.Append("_T").Append(type.Arity);
    }

    /// <summary>The constraint list of a type parameter as C#, in the order the language requires, or empty.</summary>
    public static string Constraints(ITypeParameterSymbol parameter)
    {
        var parts = new List<string>();
        if (parameter.HasReferenceTypeConstraint)
        {
            parts.Add(parameter.ReferenceTypeConstraintNullableAnnotation == NullableAnnotation.Annotated ? "class?" : "class");
        }
        else if (parameter.HasUnmanagedTypeConstraint)
        {
            parts.Add("unmanaged");
        }
        else if (parameter.HasValueTypeConstraint)
        {
            parts.Add("struct");
        }
        else if (parameter.HasNotNullConstraint)
        {
            parts.Add("notnull");
        }

        foreach (var constraint in parameter.ConstraintTypes)
        {
            parts.Add(Type(constraint));
        }

        if (parameter.HasConstructorConstraint)
        {
            parts.Add("new()");
        }

        return string.Join(", ", parts);
    }
}
