using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Routilux.Analyzers.Wiring;

/// <summary>Where a routine handle stored in a local came from: an Add call on a FlowBuilder local.</summary>
/// <param name="Builder">The builder the routine was added to.</param>
/// <param name="Add">The Add invocation.</param>
internal sealed record HandleOrigin(ILocalSymbol Builder, IInvocationOperation Add);

/// <summary>
/// Finds every use of a FlowBuilder local in the block that declares it, and decides whether the flow can be read
/// whole: the builder never escapes (passed, stored, returned, captured, reassigned), and every Add, Connect and
/// Entry runs unconditionally in that block. Anything else and the flow is not checked at all: no false positives.
/// </summary>
internal sealed class BuilderUses
{
    private readonly WiringSymbols _symbols;
    private readonly IBlockOperation _block;
    private readonly HashSet<ILocalSymbol> _reassigned = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ILocalSymbol, HandleOrigin> _handles = new(SymbolEqualityComparer.Default);

    private BuilderUses(WiringSymbols symbols, ILocalSymbol builder, IBlockOperation block)
    {
        _symbols = symbols;
        Builder = builder;
        _block = block;
    }

    public ILocalSymbol Builder { get; }

    /// <summary>The builder's invocations in source order (a chain's inner call first).</summary>
    public List<IInvocationOperation> Calls { get; } = new();

    /// <summary>Reads the uses of the builder created by <paramref name="creation"/>, or null when the flow cannot be read whole.</summary>
    public static BuilderUses? Find(IObjectCreationOperation creation, WiringSymbols symbols)
    {
        if (creation.Parent is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }
            || declarator.Parent?.Parent is not IVariableDeclarationGroupOperation { Parent: IBlockOperation block })
        {
            return null;
        }

        var uses = new BuilderUses(symbols, declarator.Symbol, block);
        return uses.Read() ? uses : null;
    }

    /// <summary>Where a handle local came from, or null when it is not known (a parameter, a field, reassigned).</summary>
    public HandleOrigin? Origin(ILocalSymbol handle) =>
        !_reassigned.Contains(handle) && _handles.TryGetValue(handle, out var origin) ? origin : null;

    /// <summary>The builder an Add invocation was made on, when it is a local.</summary>
    public ILocalSymbol? BuilderOf(IInvocationOperation add) => RootLocal(add.Instance);

    private bool Read()
    {
        foreach (var operation in _block.Descendants())
        {
            switch (operation)
            {
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target }:
                    _reassigned.Add(target.Local);
                    break;
                case ICompoundAssignmentOperation { Target: ILocalReferenceOperation target }:
                    _reassigned.Add(target.Local);
                    break;
                case IArgumentOperation { Parameter.RefKind: not RefKind.None and not RefKind.In, Value: ILocalReferenceOperation target }:
                    _reassigned.Add(target.Local);
                    break;
                case IVariableDeclaratorOperation { Initializer.Value: var value } declarator when Unwrap(value) is IInvocationOperation add && IsAdd(add):
                    if (RootLocal(add.Instance) is { } owner)
                    {
                        _handles[declarator.Symbol] = new HandleOrigin(owner, add);
                    }

                    break;
                case ILocalReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Local, Builder):
                    if (!IsUnderstood(reference))
                    {
                        return false;
                    }

                    break;
            }
        }

        Calls.Sort((left, right) => left.Syntax.Span.End.CompareTo(right.Syntax.Span.End));
        return !_reassigned.Contains(Builder);
    }

    /// <summary>A reference is understood when it is the receiver of a builder call whose result does not escape either.</summary>
    private bool IsUnderstood(ILocalReferenceOperation reference)
    {
        if (reference.Parent is IPropertyReferenceOperation property && property.Instance == reference)
        {
            return IsInDeclaringBlock(reference);
        }

        IOperation current = reference;
        while (current.Parent is IInvocationOperation call && call.Instance == current && _symbols.IsFlowBuilder(call.TargetMethod.ContainingType))
        {
            Calls.Add(call);
            if (IsWiring(call) && !RunsUnconditionally(call))
            {
                return false;
            }

            if (!_symbols.IsFlowBuilder(call.Type))
            {
                return IsInDeclaringBlock(reference);
            }

            current = call;
        }

        // A builder-returning call must end its chain as a statement; anywhere else the builder escapes.
        return current != reference && current.Parent is IExpressionStatementOperation && IsInDeclaringBlock(reference);
    }

    private static bool IsWiring(IInvocationOperation call) => call.TargetMethod.Name is "Add" or "Connect" or "ConnectByName" or "Entry" or "EntryByName";

    private bool IsAdd(IInvocationOperation call) => call.TargetMethod.Name == "Add" && _symbols.IsFlowBuilder(call.TargetMethod.ContainingType);

    /// <summary>
    /// Whether the call is part of a statement directly in the declaring block, reached only through calls,
    /// arguments, conversions and declarations: no condition, loop, lambda or nested block in between.
    /// </summary>
    private bool RunsUnconditionally(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IBlockOperation block:
                    return block == _block;
                case IInvocationOperation or IArgumentOperation or IConversionOperation or IExpressionStatementOperation
                    or IVariableInitializerOperation or IVariableDeclaratorOperation or IVariableDeclarationOperation or IVariableDeclarationGroupOperation:
                    continue;
                default:
                    return false;
            }
        }

        return false;
    }

    /// <summary>Whether no lambda or local function stands between a reference and the declaring block.</summary>
    private bool IsInDeclaringBlock(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current == _block)
            {
                return true;
            }

            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>The local at the root of a chain of builder calls (<c>flow.Connect(...).Connect(...)</c>), or null.</summary>
    private ILocalSymbol? RootLocal(IOperation? instance)
    {
        while (instance is IInvocationOperation call && _symbols.IsFlowBuilder(call.Type))
        {
            instance = call.Instance;
        }

        return instance is ILocalReferenceOperation local && _symbols.IsFlowBuilder(local.Type) ? local.Local : null;
    }

    private static IOperation? Unwrap(IOperation? operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }
}
