using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Routilux.Generators.Model;

namespace Routilux.Generators.Parsing;

/// <summary>
/// Reads one [Slot] or [Emits] method into its spec (a [Join] is read by <see cref="JoinParser"/>). Returns null
/// for a method the generator cannot implement; the analyzers say why, so the generator stays silent.
/// </summary>
internal static class HandlerParser
{
    /// <summary>
    /// A [Slot] method; with an activation attribute ([Batch], [Interval], [ActivateWhen]) its single payload
    /// parameter is an IReadOnlyList&lt;T&gt; and the slot carries T.
    /// </summary>
    public static SlotSpec? Slot(IMethodSymbol method, AttributeData attribute, AttributeData? activationAttribute, int index, CancellationToken cancellationToken)
    {
        var name = PortName(method, attribute);
        var capacity = KnownTypes.NamedArgument(attribute, "Capacity", 0);
        if (ReturnKind(method) is not { } returnKind
            || name is null
            || capacity < 0
            || WhenFull(attribute) is not { } whenFull
            || PayloadParser.Parameters(method) is not { } parameters)
        {
            return null;
        }

        var activation = ActivationSpec.Immediate;
        var payloadType = PayloadParser.PayloadType(parameters);
        if (activationAttribute is not null)
        {
            if (ActivationParser.Parse(method.ContainingType, activationAttribute) is not { } declared
                || ActivationParser.BufferedElement(method) is not { } element)
            {
                return null;
            }

            activation = declared;
            payloadType = SymbolNames.Type(element);
        }

        return new SlotSpec(
            method.Name,
            name,
            index,
            parameters,
            payloadType,
            returnKind,
            DocSummary.Of(method, cancellationToken),
            KnownTypes.NamedArgument(attribute, "Optional", false),
            capacity,
            whenFull,
            PayloadParser.PayloadVisibility(method),
            activation,
            JoinGroup: -1);
    }

    /// <summary>How a slot or join method returns, or null when the dispatch cannot call it (static, generic, ref return, other types).</summary>
    public static SlotReturnKind? ReturnKind(IMethodSymbol method)
    {
        if (!IsPlainInstanceMethod(method) || method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            return null;
        }

        if (method.ReturnsVoid)
        {
            return SlotReturnKind.Void;
        }

        if (KnownTypes.IsValueTask(method.ReturnType))
        {
            return SlotReturnKind.ValueTask;
        }

        return KnownTypes.IsTask(method.ReturnType) ? SlotReturnKind.Task : null;
    }

    public static EventSpec? Emit(IMethodSymbol method, AttributeData attribute, int index, CancellationToken cancellationToken)
    {
        // Only a body-less partial declaration can receive the generated body; one the user implemented is not ours.
        if (!IsPlainInstanceMethod(method) || !method.IsPartialDefinition || method.PartialImplementationPart is not null)
        {
            return null;
        }

        var isAsync = KnownTypes.IsValueTask(method.ReturnType);
        if (!method.ReturnsVoid && !isAsync)
        {
            return null;
        }

        var name = PortName(method, attribute);
        if (name is null
            || PayloadParser.Parameters(method) is not { } parameters
            || Modifiers(method, cancellationToken) is not { } modifiers)
        {
            return null;
        }

        return new EventSpec(
            method.Name,
            name,
            index,
            parameters,
            PayloadParser.PayloadType(parameters),
            isAsync,
            modifiers,
            DocSummary.Of(method, cancellationToken),
            PayloadParser.PayloadVisibility(method));
    }

    /// <summary>
    /// Generated dispatch calls this.Method(...) and emit bodies use instance state, so static, generic and
    /// explicitly implemented interface methods are out.
    /// </summary>
    private static bool IsPlainInstanceMethod(IMethodSymbol method) =>
        method.MethodKind == MethodKind.Ordinary
        && !method.IsStatic
        && !method.IsGenericMethod
        && method.ExplicitInterfaceImplementations.IsEmpty;

    /// <summary>[Slot(WhenFull)] as an expression, empty when not set, null when erroneous.</summary>
    private static string? WhenFull(AttributeData attribute)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == "WhenFull")
            {
                return AttributeExpressions.Constant(argument.Value);
            }
        }

        return string.Empty;
    }

    /// <summary>[Slot(Name)] / [Emits(Name)] or the method name; null when Name is set but empty.</summary>
    private static string? PortName(IMethodSymbol method, AttributeData attribute)
    {
        var name = KnownTypes.NamedArgument<string>(attribute, "Name", null);
        if (name is null)
        {
            return method.Name;
        }

        return string.IsNullOrWhiteSpace(name) ? null : name;
    }

    /// <summary>
    /// The partial declaration's modifiers except 'partial', in source order: the implementation must repeat the
    /// accessibility and virtual/override/sealed/new exactly (CS8799, CS8800).
    /// </summary>
    private static string? Modifiers(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (method.DeclaringSyntaxReferences.Length != 1
            || method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not MethodDeclarationSyntax declaration
            || declaration.Body is not null
            || declaration.ExpressionBody is not null)
        {
            return null;
        }

        var modifiers = new StringBuilder();
        foreach (var modifier in declaration.Modifiers)
        {
            if (modifier.IsKind(SyntaxKind.PartialKeyword))
            {
                continue;
            }

            if (modifier.IsKind(SyntaxKind.AsyncKeyword) || modifier.IsKind(SyntaxKind.ExternKeyword))
            {
                return null;
            }

            modifiers.Append(modifier.Text).Append(' ');
        }

        return modifiers.ToString().TrimEnd();
    }
}
