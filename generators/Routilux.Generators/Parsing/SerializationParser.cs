using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Routilux.Generators.Model;

namespace Routilux.Generators.Parsing;

/// <summary>
/// Works out the JSON codecs of a routine: the shape of every slot's payload and every state member. A type without a
/// shape does not refuse the routine (its dispatch does not need one): that slot gets no payload serializer, or the
/// routine no state serializer, and the problem is recorded for the analyzers, whose RTLX2001-RTLX2003 errors stop
/// the build. A type parameter gets no shape and no problem: a generic routine's payloads are not saved (see
/// docs/durable-state.md).
/// </summary>
internal static class SerializationParser
{
    public static SerializationSpec Parse(
        INamedTypeSymbol type, EquatableArray<SlotSpec> slots, ParsedState state, ParseProblems? problems, CancellationToken cancellationToken)
    {
        var builder = new TypeShapeBuilder(type, JsonContextTypes.Of(type));
        var slotShapes = new string[slots.Count];
        foreach (var slot in slots)
        {
            cancellationToken.ThrowIfCancellationRequested();
            slotShapes[slot.Index] = SlotShape(builder, type, slot, problems) ?? string.Empty;
        }

        var stateShapes = new string[state.Members.Count];
        var stateIsSerializable = state.Spec.HasState;
        for (var i = 0; i < stateShapes.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var member = state.Members[i];
            var memberType = member.Symbol is IPropertySymbol property ? property.Type : ((IFieldSymbol)member.Symbol).Type;
            var id = builder.Root(memberType, member.Spec.JsonName, out var unsupported);
            if (id is null)
            {
                stateIsSerializable = false;
                if (unsupported is not null)
                {
                    problems.Refuse(ProblemKind.UnsupportedType, member.Location, "state member '" + member.Spec.Name + "'", type.Name, unsupported.Type, unsupported.Path, unsupported.Why);
                }

                continue;
            }

            stateShapes[i] = id;
            if (WhyNotReadable(member.Spec, builder.Shapes[Index(id)]) is { } why)
            {
                stateIsSerializable = false;
                problems.Refuse(ProblemKind.StateMemberNotReadable, member.Location, member.Spec.Name, type.Name, why);
            }
        }

        foreach (var migration in state.Migrations)
        {
            if (!migration.Spec.HasValidSignature)
            {
                problems.Refuse(ProblemKind.MigrationSignature, migration.Location, migration.Spec.MethodName, type.Name);
            }
        }

        for (var i = 0; i < stateShapes.Length; i++)
        {
            stateShapes[i] ??= string.Empty;
        }

        return new SerializationSpec(
            new EquatableArray<TypeShape>(ToArray(builder.Shapes)),
            new EquatableArray<string>(slotShapes),
            new EquatableArray<string>(stateShapes),
            stateIsSerializable);
    }

    /// <summary>
    /// Why a read cannot give a state member its value, or null when it can: a settable member is assigned; a
    /// readonly field or get-only property of type List&lt;T&gt; or Dictionary&lt;string, T&gt; is cleared and filled in place.
    /// </summary>
    private static string? WhyNotReadable(StateMemberSpec member, TypeShape shape)
    {
        if (member.IsStatic)
        {
            return "is static, and state is saved per routine instance; make it an instance member or remove [State]";
        }

        if (member.HasSetter)
        {
            return null;
        }

        var fillsInPlace = shape.Collection is CollectionKind.List or CollectionKind.ConcreteDictionary;
        if (fillsInPlace)
        {
            return null;
        }

        return member.Kind == StateMemberKind.Field
            ? "is a readonly field of a type that cannot be filled in place; remove 'readonly', or use List<T> or Dictionary<string, T>"
            : member.IsInitOnly
                ? "is an init-only property, which only an object initializer can set; give it a set accessor (a private one will do)"
                : "is a get-only property; give it a set accessor (a private one will do), or use List<T> or Dictionary<string, T>";
    }

    private static string? SlotShape(TypeShapeBuilder builder, INamedTypeSymbol type, SlotSpec slot, ParseProblems? problems)
    {
        var method = SlotMethod(type, slot.MethodName);
        if (method is null)
        {
            return null;
        }

        var payload = new List<IParameterSymbol>();
        foreach (var parameter in method.Parameters)
        {
            if (!KnownTypes.IsCancellationToken(parameter.Type) && !KnownTypes.IsRoutineContext(parameter.Type))
            {
                payload.Add(parameter);
            }
        }

        var what = "payload of slot '" + slot.Name + "'";
        if (slot.IsJoin)
        {
            return ParameterShape(builder, type, payload[slot.Index - slot.JoinGroup], payload[slot.Index - slot.JoinGroup].Type, what, problems);
        }

        if (slot.Activation.IsBuffered)
        {
            var element = payload.Count == 1 ? KnownTypes.ReadOnlyListElement(payload[0].Type) : null;
            return element is null ? null : ParameterShape(builder, type, payload[0], element, what, problems);
        }

        if (payload.Count == 0)
        {
            return builder.UnitRoot();
        }

        if (payload.Count == 1)
        {
            return ParameterShape(builder, type, payload[0], payload[0].Type, what, problems);
        }

        // Each parameter on its own first, so a problem is located at the parameter that has it.
        foreach (var parameter in payload)
        {
            if (ParameterShape(builder, type, parameter, parameter.Type, what, problems) is null)
            {
                return null;
            }
        }

        return builder.TupleRoot(slot.PayloadType, payload, slot.Name, out _);
    }

    private static string? ParameterShape(
        TypeShapeBuilder builder, INamedTypeSymbol type, IParameterSymbol parameter, ITypeSymbol payloadType, string what, ParseProblems? problems)
    {
        var id = builder.Root(payloadType, payloadType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat), out var unsupported);
        if (id is null && unsupported is not null)
        {
            problems.Refuse(ProblemKind.UnsupportedType, parameter, what, type.Name, unsupported.Type, unsupported.Path, unsupported.Why);
        }

        return id;
    }

    private static IMethodSymbol? SlotMethod(INamedTypeSymbol type, string name)
    {
        foreach (var member in type.GetMembers(name))
        {
            if (member is IMethodSymbol method && HandlerAttributes.Of(method) is { Any: true } attributes && (attributes.Slot is not null || attributes.Join is not null))
            {
                return method;
            }
        }

        return null;
    }

    private static int Index(string id) => int.Parse(id.Substring(1), System.Globalization.CultureInfo.InvariantCulture);

    private static TypeShape[] ToArray(IReadOnlyList<TypeShape> shapes)
    {
        var array = new TypeShape[shapes.Count];
        for (var i = 0; i < array.Length; i++)
        {
            array[i] = shapes[i];
        }

        return array;
    }
}
