using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Routilux.Generators.Model;

namespace Routilux.Generators.Parsing;

/// <summary>
/// Object shapes: a class, record or struct written as a JSON object of its readable members, read through one
/// constructor and then its settable members. The rules (System.Text.Json's, simplified):
/// <list type="bullet">
/// <item>members: instance properties with a getter and fields, base class first, that the routine can reach
/// (public, or internal in its assembly), without [JsonIgnore]; the JSON name is [JsonPropertyName] or the C# name;</item>
/// <item>constructor: the one marked [JsonConstructor]; else the parameterless one (a struct always has it); else the
/// only accessible one. Its parameters match members by name, ignoring case;</item>
/// <item>a member that is neither a constructor parameter nor settable (set, init, non-readonly field) is written
/// and skipped on read.</item>
/// </list>
/// </summary>
internal sealed partial class TypeShapeBuilder
{
    private string? Object(string key, INamedTypeSymbol type, string path, ref UnsupportedType? unsupported)
    {
        var constructor = Constructor(type);
        if (constructor is null && !type.IsValueType)
        {
            unsupported = new UnsupportedType(Display(type), path, "has no constructor to read it with (give it a parameterless constructor, or mark one [JsonConstructor])");
            return null;
        }

        var id = Reserve(key);
        var candidates = Members(type);
        var parameters = constructor?.Parameters ?? System.Collections.Immutable.ImmutableArray<IParameterSymbol>.Empty;
        var members = new List<ShapeMember>(candidates.Count);
        var matched = new bool[parameters.Length];
        foreach (var member in candidates)
        {
            var memberType = member is IPropertySymbol property ? property.Type : ((IFieldSymbol)member).Type;
            var jsonName = JsonName(member);
            var memberId = Shape(memberType, path + "." + jsonName, ref unsupported);
            if (memberId is null)
            {
                return null;
            }

            var parameter = -1;
            for (var i = 0; i < parameters.Length; i++)
            {
                if (!matched[i] && string.Equals(parameters[i].Name, member.Name, StringComparison.OrdinalIgnoreCase))
                {
                    parameter = i;
                    matched[i] = true;
                    break;
                }
            }

            var isRequired = member is IPropertySymbol { IsRequired: true } || member is IFieldSymbol { IsRequired: true };
            var isInitOnly = parameter < 0 && member is IPropertySymbol { SetMethod.IsInitOnly: true };
            members.Add(new ShapeMember(member.Name, jsonName, memberId, isRequired, parameter, parameter >= 0 || IsSettable(member), isInitOnly));
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            if (!matched[i])
            {
                unsupported = new UnsupportedType(
                    Display(type), path,
                    "has a constructor parameter '" + parameters[i].Name + "' that matches no readable member, so a read could not fill it");
                return null;
            }
        }

        return Complete(id, key, Display(type), ShapeKind.Object, type.IsValueType, members: members.ToArray(), constructorArity: parameters.Length);
    }

    /// <summary>The constructor a read calls, or null when none fits (a struct then uses its default value).</summary>
    private IMethodSymbol? Constructor(INamedTypeSymbol type)
    {
        IMethodSymbol? parameterless = null;
        IMethodSymbol? only = null;
        var accessible = 0;
        foreach (var constructor in type.InstanceConstructors)
        {
            if (!IsAccessible(constructor))
            {
                continue;
            }

            foreach (var attribute in constructor.GetAttributes())
            {
                if (KnownTypes.IsJsonSerializationAttribute(attribute.AttributeClass, "JsonConstructorAttribute"))
                {
                    return constructor;
                }
            }

            accessible++;
            only = constructor;
            if (constructor.Parameters.Length == 0)
            {
                parameterless = constructor;
            }
        }

        // A struct's default constructor is implicit; its members are then set one by one.
        return type.IsValueType ? parameterless : parameterless ?? (accessible == 1 ? only : null);
    }

    /// <summary>Readable instance members, base class first; a member hidden or overridden by a derived one appears once, at the base's place.</summary>
    private List<ISymbol> Members(INamedTypeSymbol type)
    {
        var chain = new List<INamedTypeSymbol>();
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object && current.SpecialType != SpecialType.System_ValueType; current = current.BaseType)
        {
            chain.Insert(0, current);
        }

        var members = new List<ISymbol>();
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var declaring in chain)
        {
            foreach (var member in declaring.GetMembers())
            {
                if (!IsDataMember(member))
                {
                    continue;
                }

                if (byName.TryGetValue(member.Name, out var index))
                {
                    members[index] = member;
                }
                else
                {
                    byName.Add(member.Name, members.Count);
                    members.Add(member);
                }
            }
        }

        return members;
    }

    private bool IsDataMember(ISymbol member)
    {
        if (member.IsStatic || member.IsImplicitlyDeclared || !IsAccessible(member) || HasJsonIgnore(member))
        {
            return false;
        }

        return member switch
        {
            IPropertySymbol property => !property.IsIndexer && property.GetMethod is { } getter && IsAccessible(getter),
            IFieldSymbol field => !field.IsConst,
            _ => false,
        };
    }

    private bool IsSettable(ISymbol member) => member switch
    {
        IPropertySymbol property => property.SetMethod is { } setter && IsAccessible(setter),
        IFieldSymbol field => !field.IsReadOnly,
        _ => false,
    };

    /// <summary>
    /// Whether the routine's generated code can use <paramref name="symbol"/>: public, or internal (or protected internal)
    /// in the routine's own assembly, or declared inside the routine itself.
    /// </summary>
    private bool IsAccessible(ISymbol symbol) => symbol.DeclaredAccessibility switch
    {
        Accessibility.Public => true,
        Accessibility.Internal or Accessibility.ProtectedOrInternal =>
            SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, _routine.ContainingAssembly),
        Accessibility.Private => IsInsideRoutine(symbol.ContainingType) && SymbolEqualityComparer.Default.Equals(symbol.ContainingType, _routine),
        _ => false,
    };

    private bool IsInsideRoutine(INamedTypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, _routine))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasJsonIgnore(ISymbol member)
    {
        foreach (var attribute in member.GetAttributes())
        {
            if (KnownTypes.IsJsonSerializationAttribute(attribute.AttributeClass, "JsonIgnoreAttribute"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>[JsonPropertyName("...")] or the C# name.</summary>
    private static string JsonName(ISymbol member)
    {
        foreach (var attribute in member.GetAttributes())
        {
            if (KnownTypes.IsJsonSerializationAttribute(attribute.AttributeClass, "JsonPropertyNameAttribute")
                && attribute.ConstructorArguments.Length == 1
                && attribute.ConstructorArguments[0].Value is string name)
            {
                return name;
            }
        }

        return member.Name;
    }
}
