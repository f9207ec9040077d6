using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Routilux.Generators.Parsing;

/// <summary>
/// Renders attribute arguments as C# expressions, so generated code can rebuild an attribute's value (such as
/// [OnError(...)] or [Slot(WhenFull = ...)]) without reflection. Every type is global::-qualified.
/// </summary>
internal static class AttributeExpressions
{
    /// <summary>
    /// <c>new global::X(args) { Name = value }</c> for an attribute as written, or null when an argument has an
    /// error (the compiler reports it).
    /// </summary>
    public static string? Creation(AttributeData attribute)
    {
        if (attribute.AttributeClass is not { TypeKind: not TypeKind.Error } type)
        {
            return null;
        }

        var arguments = new List<string>();
        foreach (var argument in attribute.ConstructorArguments)
        {
            if (Constant(argument) is not { } rendered)
            {
                return null;
            }

            arguments.Add(rendered);
        }

        var initializers = new List<string>();
        foreach (var named in attribute.NamedArguments)
        {
            if (Constant(named.Value) is not { } rendered)
            {
                return null;
            }

            initializers.Add(SymbolNames.Escape(named.Key) + " = " + rendered);
        }

        var creation = "new " + SymbolNames.Type(type) + "(" + string.Join(", ", arguments) + ")";
        return initializers.Count == 0 ? creation : creation + " { " + string.Join(", ", initializers) + " }";
    }

    /// <summary>A constant as a C# expression, or null when it is erroneous.</summary>
    public static string? Constant(TypedConstant constant)
    {
        if (constant.Kind == TypedConstantKind.Error || constant.Type is null)
        {
            return null;
        }

        if (constant.Kind == TypedConstantKind.Array)
        {
            if (constant.IsNull)
            {
                return "null";
            }

            var items = new List<string>();
            foreach (var item in constant.Values)
            {
                if (Constant(item) is not { } rendered)
                {
                    return null;
                }

                items.Add(rendered);
            }

            var elementType = ((IArrayTypeSymbol)constant.Type).ElementType;
            return "new " + SymbolNames.Type(elementType) + "[] { " + string.Join(", ", items) + " }";
        }

        if (constant.IsNull)
        {
            return "null";
        }

        return constant.Kind switch
        {
            TypedConstantKind.Type => constant.Value is ITypeSymbol type ? "typeof(" + TypeOfName(type) + ")" : null,
            TypedConstantKind.Enum => EnumMember(constant),
            _ => Primitive(constant.Value),
        };
    }

    /// <summary>"global::Ns.Enum.Member", or a cast of the number when no single member has that value.</summary>
    private static string EnumMember(TypedConstant constant)
    {
        var enumType = SymbolNames.Type(constant.Type!);
        foreach (var member in constant.Type!.GetMembers())
        {
            if (member is IFieldSymbol { HasConstantValue: true } field && Equals(field.ConstantValue, constant.Value))
            {
                return enumType + "." + SymbolNames.Escape(field.Name);
            }
        }

        return "(" + enumType + ")(" + Primitive(constant.Value) + ")";
    }

    private static string? Primitive(object? value) => value switch
    {
        null => "null",
        double d when double.IsNaN(d) => "double.NaN",
        double d when double.IsPositiveInfinity(d) => "double.PositiveInfinity",
        double d when double.IsNegativeInfinity(d) => "double.NegativeInfinity",
        double d => d.ToString("R", CultureInfo.InvariantCulture) + "d",
        float f when float.IsNaN(f) => "float.NaN",
        float f when float.IsPositiveInfinity(f) => "float.PositiveInfinity",
        float f when float.IsNegativeInfinity(f) => "float.NegativeInfinity",
        float f => f.ToString("R", CultureInfo.InvariantCulture) + "f",
        string s => SymbolDisplay.FormatLiteral(s, quote: true),
        char c => SymbolDisplay.FormatLiteral(c, quote: true),
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        ulong u => u.ToString(CultureInfo.InvariantCulture) + "UL",
        uint u => u.ToString(CultureInfo.InvariantCulture) + "U",
        _ => System.Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    /// <summary>typeof() takes no nullable annotations and, for unbound generics, empty brackets ("List&lt;&gt;").</summary>
    private static string TypeOfName(ITypeSymbol type) =>
        type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
}
