using System;
using System.Collections;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Routilux.Generators.Tests.Infrastructure;

/// <summary>Walks an object graph by reflection to find compiler objects a pipeline step must not keep.</summary>
internal static class ObjectGraph
{
    private static readonly Type[] Forbidden =
    {
        typeof(ISymbol), typeof(Compilation), typeof(SyntaxNode), typeof(SemanticModel), typeof(Location), typeof(SyntaxTree),
        typeof(AttributeData),
    };

    /// <summary>A description of the first forbidden object reachable from <paramref name="root"/>, or null.</summary>
    public static string? FindCompilerObject(object? root)
    {
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        return Visit(root, "output", visited);
    }

    private static string? Visit(object? value, string path, HashSet<object> visited)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
        {
            return null;
        }

        if (Array.Exists(Forbidden, forbidden => forbidden.IsInstanceOfType(value)))
        {
            return $"{value.GetType().Name} at {path}";
        }

        if (!value.GetType().IsValueType && !visited.Add(value))
        {
            return null;
        }

        if (value is IEnumerable items)
        {
            var index = 0;
            foreach (var item in items)
            {
                if (Visit(item, $"{path}[{index++}]", visited) is { } found)
                {
                    return found;
                }
            }
        }

        for (var type = value.GetType(); type is not null && type != typeof(object); type = type.BaseType)
        {
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (Visit(field.GetValue(value), $"{path}.{field.Name}", visited) is { } found)
                {
                    return found;
                }
            }
        }

        return null;
    }
}
