using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace Routilux.CodeFixes.State;

/// <summary>
/// The empty migration a fix adds for a step of the chain:
/// <c>[MigrateState(from: 1)] private static void MigrateFromV1(System.Text.Json.Nodes.JsonObject state) { }</c>,
/// last in the class. The user fills in its body; the type is written in full so no using is needed.
/// </summary>
internal static class MigrationStub
{
    public static TypeDeclarationSyntax Add(TypeDeclarationSyntax declaration, int from)
    {
        var version = from.ToString(CultureInfo.InvariantCulture);
        var name = "MigrateFromV" + version;
        if (declaration.Members.OfType<MethodDeclarationSyntax>().Any(method => method.Identifier.ValueText == name))
        {
            name += "To" + (from + 1).ToString(CultureInfo.InvariantCulture);
        }

        var member = SyntaxFactory.ParseMemberDeclaration(
            "[MigrateState(from: " + version + ")] private static void " + name + "(System.Text.Json.Nodes.JsonObject state) { }")!;
        return declaration.AddMembers(member.WithAdditionalAnnotations(Formatter.Annotation));
    }

    /// <summary>Whether the routine already has a [MigrateState] from <paramref name="from"/> (in any part of the class).</summary>
    public static bool Exists(INamedTypeSymbol routine, int from) =>
        routine.GetMembers().OfType<IMethodSymbol>().Any(method => method.GetAttributes().Any(attribute =>
            attribute.AttributeClass is { Name: "MigrateStateAttribute" }
            && attribute.ConstructorArguments.Length == 1
            && attribute.ConstructorArguments[0].Value is int value
            && value == from));
}
