using System.Globalization;
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
    public static SlotSpec? Slot(IMethodSymbol method, AttributeData attribute, AttributeData? activationAttribute, int index, CancellationToken cancellationToken, ParseProblems? problems = null)
    {
        var valid = true;
        var name = PortName(method, attribute);
        if (name is null)
        {
            valid = problems.Refuse(ProblemKind.EmptyName, attribute, method, "slot", method.Name);
        }

        var capacity = KnownTypes.NamedArgument(attribute, "Capacity", 0);
        if (capacity < 0)
        {
            valid = problems.Refuse(ProblemKind.NegativeCapacity, attribute, method, method.Name, capacity.ToString(CultureInfo.InvariantCulture));
        }

        var returnKind = ReturnKind(method, problems);
        var whenFull = WhenFull(attribute);
        var parameters = PayloadParser.Parameters(method, problems, ProblemKind.SlotSignature);
        var activation = ActivationSpec.Immediate;
        ITypeSymbol? element = null;
        if (activationAttribute is not null)
        {
            activation = ActivationParser.Parse(method, activationAttribute, problems)!;
            element = ActivationParser.BufferedElement(method);
            if (element is null)
            {
                valid = problems.Refuse(ProblemKind.BufferedPayload, method, method.Name, ActivationParser.DisplayName(activationAttribute));
            }
        }

        if (!valid || returnKind is null || whenFull is null || parameters is null || activation is null)
        {
            return null;
        }

        return new SlotSpec(
            method.Name,
            name!,
            index,
            parameters.Value,
            element is null ? PayloadParser.PayloadType(parameters.Value) : SymbolNames.Type(element),
            returnKind.Value,
            DocSummary.Of(method, cancellationToken),
            KnownTypes.NamedArgument(attribute, "Optional", false),
            capacity,
            whenFull,
            PayloadParser.PayloadVisibility(method),
            activation,
            JoinGroup: -1);
    }

    /// <summary>How a slot or join method returns, or null when the dispatch cannot call it (static, generic, ref return, other types).</summary>
    public static SlotReturnKind? ReturnKind(IMethodSymbol method, ParseProblems? problems = null)
    {
        if (PlainInstanceProblem(method) is { } why)
        {
            problems.Refuse(ProblemKind.SlotSignature, method, method.Name, why);
            return null;
        }

        if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            problems.Refuse(ProblemKind.SlotSignature, method, method.Name, "it returns by reference");
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

        if (KnownTypes.IsTask(method.ReturnType))
        {
            return SlotReturnKind.Task;
        }

        problems.Refuse(ProblemKind.SlotSignature, method, method.Name, "it returns '" + method.ReturnType.ToDisplayString() + "'; a handler returns void, Task or ValueTask");
        return null;
    }

    public static EventSpec? Emit(IMethodSymbol method, AttributeData attribute, int index, CancellationToken cancellationToken, ParseProblems? problems = null)
    {
        var valid = true;
        if (PlainInstanceProblem(method) is { } why)
        {
            valid = problems.Refuse(ProblemKind.EmitsSignature, method, method.Name, why);
        }

        // Only a body-less partial declaration can receive the generated body; one the user implemented is not ours.
        // (The analyzers see the generator's own implementation in the compilation, and that one is fine.)
        if (method.PartialImplementationPart is { } implementation && !KnownTypes.IsGeneratedByRoutilux(implementation))
        {
            valid = problems.Refuse(ProblemKind.EmitsNotPartial, implementation, method.Name, "it has a body");
        }
        else if (!method.IsPartialDefinition)
        {
            valid = problems.Refuse(ProblemKind.EmitsNotPartial, method, method.Name, PartialMembers.HasPartialModifier(method, cancellationToken) ? "it has a body" : "it is not partial");
        }

        var isAsync = KnownTypes.IsValueTask(method.ReturnType);
        if (!method.ReturnsVoid && !isAsync)
        {
            valid = problems.Refuse(ProblemKind.EmitsSignature, method, method.Name, "it returns '" + method.ReturnType.ToDisplayString() + "'; an event returns void or ValueTask");
        }

        var name = PortName(method, attribute);
        if (name is null)
        {
            valid = problems.Refuse(ProblemKind.EmptyName, attribute, method, "event", method.Name);
        }

        var parameters = PayloadParser.Parameters(method, problems, ProblemKind.EmitsSignature);
        var modifiers = Modifiers(method, cancellationToken);
        if (valid && parameters is not null && modifiers is null)
        {
            // What is left: async or extern, or a declaration split oddly by broken code.
            valid = problems.Refuse(ProblemKind.EmitsNotPartial, method, method.Name, "it must be a single partial declaration without async or extern");
        }

        if (!valid || parameters is null || modifiers is null)
        {
            return null;
        }

        return new EventSpec(
            method.Name,
            name!,
            index,
            parameters.Value,
            PayloadParser.PayloadType(parameters.Value),
            isAsync,
            modifiers,
            DocSummary.Of(method, cancellationToken),
            PayloadParser.PayloadVisibility(method));
    }

    /// <summary>
    /// Generated dispatch calls this.Method(...) and emit bodies use instance state, so static, generic and
    /// explicitly implemented interface methods are out. Null when the method is a plain instance method.
    /// </summary>
    private static string? PlainInstanceProblem(IMethodSymbol method) =>
        method.MethodKind != MethodKind.Ordinary ? "it is not an ordinary method"
        : method.IsStatic ? "it is static, and ports belong to a routine instance"
        : method.IsGenericMethod ? "it is generic, and a port has one payload type"
        : !method.ExplicitInterfaceImplementations.IsEmpty ? "it is an explicit interface implementation"
        : null;

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
