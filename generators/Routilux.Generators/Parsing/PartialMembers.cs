using System.Collections.Generic;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Routilux.Generators.Model;

namespace Routilux.Generators.Parsing;

/// <summary>
/// Finds the partial port methods of a refused routine that lack their other part, and writes the missing part's
/// signature: the implementation of a body-less [Emits] declaration (CS8795 otherwise), or the declaration of an
/// [Emits] body written alone (CS0759 otherwise). Only methods with a Routilux port attribute are completed: other
/// partial methods may belong to another generator ([LoggerMessage], say).
/// </summary>
internal static class PartialMembers
{
    public static EquatableArray<PartialMemberSpec> Missing(INamedTypeSymbol routine, CancellationToken cancellationToken)
    {
        var members = new List<PartialMemberSpec>();
        foreach (var member in routine.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member is not IMethodSymbol method || !HandlerAttributes.Of(method).Any
                || method.DeclaringSyntaxReferences.Length != 1
                || method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not MethodDeclarationSyntax declaration
                || !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                continue;
            }

            var hasBody = declaration.Body is not null || declaration.ExpressionBody is not null;
            var isAlone = hasBody ? method.PartialDefinitionPart is null : method.PartialImplementationPart is null;
            if (isAlone && Signature(method, declaration, isDefinition: hasBody) is { } signature)
            {
                members.Add(new PartialMemberSpec(signature, IsDefinition: hasBody));
            }
        }

        return new EquatableArray<PartialMemberSpec>(members.ToArray());
    }

    /// <summary>Whether any declaration of <paramref name="method"/> is written with the partial modifier.</summary>
    public static bool HasPartialModifier(IMethodSymbol method, CancellationToken cancellationToken)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is MethodDeclarationSyntax declaration && declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The other part's signature: the same modifiers (the two parts must agree on accessibility, static, virtual,
    /// unsafe...; async only ever goes on a body), fully qualified types with nullable annotations, the same
    /// parameter names, ref kinds and params, and the constraints of a generic method. Default values are left out:
    /// on an implementing part they only earn a warning. Null when the method is too broken to repeat.
    /// </summary>
    private static string? Signature(IMethodSymbol method, MethodDeclarationSyntax declaration, bool isDefinition)
    {
        if (method.ReturnType.TypeKind == TypeKind.Error || string.IsNullOrEmpty(method.Name))
        {
            return null;
        }

        var text = new StringBuilder();
        foreach (var modifier in declaration.Modifiers)
        {
            if (!modifier.IsKind(SyntaxKind.PartialKeyword) && !modifier.IsKind(SyntaxKind.AsyncKeyword)
                && !(isDefinition && modifier.IsKind(SyntaxKind.ExternKeyword)))
            {
                text.Append(modifier.Text).Append(' ');
            }
        }

        text.Append("partial ");
        text.Append(method.ReturnsByRefReadonly ? "ref readonly " : method.ReturnsByRef ? "ref " : string.Empty);
        text.Append(method.ReturnsVoid ? "void" : SymbolNames.Type(method.ReturnType)).Append(' ');
        text.Append(SymbolNames.Escape(method.Name));
        if (method.TypeParameters.Length > 0)
        {
            var names = new List<string>();
            foreach (var parameter in method.TypeParameters)
            {
                names.Add(SymbolNames.Escape(parameter.Name));
            }

            text.Append('<').Append(string.Join(", ", names)).Append('>');
        }

        text.Append('(');
        for (var i = 0; i < method.Parameters.Length; i++)
        {
            var parameter = method.Parameters[i];
            if (parameter.Type.TypeKind == TypeKind.Error || parameter.Name.Length == 0)
            {
                return null;
            }

            text.Append(i > 0 ? ", " : string.Empty)
                .Append(parameter.IsParams ? "params " : string.Empty)
                .Append(RefKindText(parameter.RefKind))
                .Append(SymbolNames.Type(parameter.Type)).Append(' ')
                .Append(SymbolNames.Escape(parameter.Name));
        }

        text.Append(')');
        foreach (var parameter in method.TypeParameters)
        {
            var constraints = SymbolNames.Constraints(parameter);
            if (constraints.Length > 0)
            {
                text.Append(" where ").Append(SymbolNames.Escape(parameter.Name)).Append(" : ").Append(constraints);
            }
        }

        return text.ToString();
    }

    private static string RefKindText(RefKind kind) => kind switch
    {
        RefKind.Ref => "ref ",
        RefKind.Out => "out ",
        RefKind.In => "in ",
        RefKind.RefReadOnlyParameter => "ref readonly ",
        _ => string.Empty,
    };
}
