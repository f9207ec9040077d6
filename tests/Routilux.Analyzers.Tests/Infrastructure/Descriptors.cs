using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Routilux.Generators.Diagnostics;

namespace Routilux.Analyzers.Tests.Infrastructure;

/// <summary>Looks descriptors up by ID, for expected results built in code.</summary>
internal static class Descriptors
{
    public static DiagnosticDescriptor[] All { get; } = typeof(DiagnosticDescriptors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (DiagnosticDescriptor)field.GetValue(null)!)
        .ToArray();

    public static DiagnosticDescriptor ById(string id) => All.Single(descriptor => descriptor.Id == id);
}
