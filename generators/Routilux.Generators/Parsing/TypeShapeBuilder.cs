using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Routilux.Generators.Model;

namespace Routilux.Generators.Parsing;

/// <summary>Why a type has no shape, and where in the root type it was found ("Order.Lines[].Product").</summary>
/// <param name="Type">The type without a shape, as the user wrote it.</param>
/// <param name="Path">The member path from the root type.</param>
/// <param name="Why">What it is, as the end of a sentence ("is an interface").</param>
internal sealed record UnsupportedType(string Type, string Path, string Why);

/// <summary>
/// Builds the <see cref="TypeShape"/>s of one routine: each distinct type once, shapes referring to each other by id,
/// so a recursive type ends (the id is taken before its members are visited). A root whose walk meets a type without a
/// shape is undone (every shape it added is removed), so no shape ever refers to a missing one.
/// Object types (classes, records, structs) are read through the member rules in ObjectShapes.cs.
/// </summary>
internal sealed partial class TypeShapeBuilder
{
    private readonly INamedTypeSymbol _routine;
    private readonly JsonContextTypes _context;
    private readonly List<TypeShape> _shapes = new();
    private readonly Dictionary<string, string> _ids = new(System.StringComparer.Ordinal);

    public TypeShapeBuilder(INamedTypeSymbol routine, JsonContextTypes context)
    {
        _routine = routine;
        _context = context;
    }

    /// <summary>Every shape built so far, in discovery order.</summary>
    public IReadOnlyList<TypeShape> Shapes => _shapes;

    /// <summary>Set when a root's walk met a type parameter: no shape, and nothing to report (see docs/durable-state.md).</summary>
    public bool MetTypeParameter { get; private set; }

    /// <summary>The shape id of <paramref name="type"/> as a root, or null with the reason in <paramref name="unsupported"/>.</summary>
    public string? Root(ITypeSymbol type, string rootPath, out UnsupportedType? unsupported)
    {
        var shapeCount = _shapes.Count;
        var keys = new List<string>(_ids.Keys);
        MetTypeParameter = false;
        unsupported = null;
        var id = Shape(type, rootPath, ref unsupported);
        if (id is null)
        {
            Undo(shapeCount, keys);
        }

        return id;
    }

    /// <summary>A root tuple built from a multi-parameter slot: keyed by the parameter names, typed as the slot's payload.</summary>
    public string? TupleRoot(string tupleType, IReadOnlyList<IParameterSymbol> parameters, string rootPath, out UnsupportedType? unsupported)
    {
        var shapeCount = _shapes.Count;
        var keys = new List<string>(_ids.Keys);
        MetTypeParameter = false;
        unsupported = null;
        if (_ids.TryGetValue(tupleType, out var existing))
        {
            return existing;
        }

        var members = new ShapeMember[parameters.Count];
        for (var i = 0; i < members.Length; i++)
        {
            var elementId = Shape(parameters[i].Type, rootPath + "." + parameters[i].Name, ref unsupported);
            if (elementId is null)
            {
                Undo(shapeCount, keys);
                return null;
            }

            members[i] = new ShapeMember("Item" + (i + 1).ToString(CultureInfo.InvariantCulture), parameters[i].Name, elementId, false, i, true, false);
        }

        return Add(tupleType, rootPath, ShapeKind.Tuple, isValueType: true, members: members, constructorArity: members.Length);
    }

    /// <summary>The shape of Routilux.Unit, the payload of a slot without payload parameters.</summary>
    public string UnitRoot()
    {
        const string unit = "global::Routilux.Unit";
        return _ids.TryGetValue(unit, out var id) ? id : Complete(Reserve(unit), unit, "Unit", ShapeKind.Unit, isValueType: true);
    }

    private void Undo(int shapeCount, List<string> keys)
    {
        _shapes.RemoveRange(shapeCount, _shapes.Count - shapeCount);
        var kept = new HashSet<string>(keys, System.StringComparer.Ordinal);
        foreach (var key in new List<string>(_ids.Keys))
        {
            if (!kept.Contains(key))
            {
                _ids.Remove(key);
            }
        }
    }

    private string? Shape(ITypeSymbol type, string path, ref UnsupportedType? unsupported)
    {
        if (type is ITypeParameterSymbol)
        {
            MetTypeParameter = true;
            return null;
        }

        var key = Key(type);
        if (_ids.TryGetValue(key, out var id))
        {
            return id;
        }

        if (Simple(type) is { } simple)
        {
            return Add(key, type, simple.Kind, simple.Number);
        }

        if (type.TypeKind == TypeKind.Enum && type is INamedTypeSymbol enumType)
        {
            return Enum(key, enumType);
        }

        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            // Reserve the id first: the element cannot refer back to its Nullable<T>, but the order stays the discovery order.
            var element = Shape(nullable.TypeArguments[0], path, ref unsupported);
            return element is null ? null : Add(key, type, ShapeKind.Nullable, elementId: element);
        }

        if (Sequence(type) is { } sequence)
        {
            var element = Shape(sequence.Element, path + "[]", ref unsupported);
            return element is null ? null : Add(key, type, ShapeKind.Sequence, elementId: element, elementType: Key(sequence.Element), collection: sequence.Kind);
        }

        if (Dictionary(type) is { } dictionary)
        {
            var element = Shape(dictionary.Value, path + "{}", ref unsupported);
            return element is null ? null : Add(key, type, ShapeKind.Dictionary, elementId: element, elementType: Key(dictionary.Value), collection: dictionary.Kind);
        }

        if (_context.TypeInfo(type) is { } typeInfo)
        {
            return Add(key, type, ShapeKind.Context, contextTypeInfo: typeInfo);
        }

        if (type is INamedTypeSymbol { IsTupleType: true } tuple)
        {
            return Tuple(key, tuple, path, ref unsupported);
        }

        if (WhyUnsupported(type) is { } why)
        {
            unsupported = new UnsupportedType(Display(type), path, why);
            return null;
        }

        return Object(key, (INamedTypeSymbol)type, path, ref unsupported);
    }

    private string? Tuple(string key, INamedTypeSymbol tuple, string path, ref UnsupportedType? unsupported)
    {
        var id = Reserve(key);
        var members = new ShapeMember[tuple.TupleElements.Length];
        for (var i = 0; i < members.Length; i++)
        {
            var element = tuple.TupleElements[i];
            var elementId = Shape(element.Type, path + "." + element.Name, ref unsupported);
            if (elementId is null)
            {
                return null;
            }

            members[i] = new ShapeMember("Item" + (i + 1).ToString(CultureInfo.InvariantCulture), element.Name, elementId, false, i, true, false);
        }

        return Complete(id, key, Display(tuple), ShapeKind.Tuple, true, members: members, constructorArity: members.Length);
    }

    private string Enum(string key, INamedTypeSymbol type)
    {
        // One name per value: the first declared, so aliases (B = A) do not repeat a case label.
        var names = new List<ShapeMember>();
        var values = new HashSet<object?>();
        foreach (var member in type.GetMembers())
        {
            if (member is IFieldSymbol { IsConst: true } field && values.Add(field.ConstantValue))
            {
                names.Add(new ShapeMember(field.Name, field.Name, string.Empty, false, -1, false, false));
            }
        }

        var isFlags = false;
        foreach (var attribute in type.GetAttributes())
        {
            isFlags |= attribute.AttributeClass is { Name: "FlagsAttribute" } flags && KnownTypes.IsType(flags, "FlagsAttribute", "System");
        }

        var underlying = type.EnumUnderlyingType is { } u && Simple(u) is { } simple ? simple.Number : "Int32";
        return Complete(Reserve(key), key, Display(type), ShapeKind.Enum, true, number: underlying, members: names.ToArray(), isFlags: isFlags);
    }

    /// <summary>Types written as one JSON primitive.</summary>
    private static (ShapeKind Kind, string Number)? Simple(ITypeSymbol type) => type.SpecialType switch
    {
        SpecialType.System_Boolean => (ShapeKind.Boolean, string.Empty),
        SpecialType.System_SByte => (ShapeKind.Number, "SByte"),
        SpecialType.System_Byte => (ShapeKind.Number, "Byte"),
        SpecialType.System_Int16 => (ShapeKind.Number, "Int16"),
        SpecialType.System_UInt16 => (ShapeKind.Number, "UInt16"),
        SpecialType.System_Int32 => (ShapeKind.Number, "Int32"),
        SpecialType.System_UInt32 => (ShapeKind.Number, "UInt32"),
        SpecialType.System_Int64 => (ShapeKind.Number, "Int64"),
        SpecialType.System_UInt64 => (ShapeKind.Number, "UInt64"),
        SpecialType.System_Single => (ShapeKind.Number, "Single"),
        SpecialType.System_Double => (ShapeKind.Number, "Double"),
        SpecialType.System_Decimal => (ShapeKind.Number, "Decimal"),
        SpecialType.System_Char => (ShapeKind.Char, string.Empty),
        SpecialType.System_String => (ShapeKind.String, string.Empty),
        SpecialType.System_DateTime => (ShapeKind.DateTime, string.Empty),
        _ when type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte } => (ShapeKind.Bytes, string.Empty),
        _ when KnownTypes.IsType(type, "DateTimeOffset", "System") => (ShapeKind.DateTimeOffset, string.Empty),
        _ when KnownTypes.IsType(type, "TimeSpan", "System") => (ShapeKind.TimeSpan, string.Empty),
        _ when KnownTypes.IsType(type, "Guid", "System") => (ShapeKind.Guid, string.Empty),
        _ when KnownTypes.IsType(type, "Uri", "System") => (ShapeKind.Uri, string.Empty),
        _ when KnownTypes.IsType(type, "Unit", "Routilux") => (ShapeKind.Unit, string.Empty),
        _ => null,
    };

    private static (ITypeSymbol Element, CollectionKind Kind)? Sequence(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol { Rank: 1 } array)
        {
            return (array.ElementType, CollectionKind.Array);
        }

        if (type is not INamedTypeSymbol named || named.Arity != 1)
        {
            return null;
        }

        var element = named.TypeArguments[0];
        return KnownTypes.IsGenericCollection(named, "List", 1) ? (element, CollectionKind.List)
            : KnownTypes.IsGenericCollection(named, "IReadOnlyList", 1) || KnownTypes.IsGenericCollection(named, "IList", 1) ? (element, CollectionKind.IndexedInterface)
            : KnownTypes.IsGenericCollection(named, "IEnumerable", 1) || KnownTypes.IsGenericCollection(named, "ICollection", 1)
              || KnownTypes.IsGenericCollection(named, "IReadOnlyCollection", 1) ? (element, CollectionKind.Enumerable)
            : null;
    }

    private static (ITypeSymbol Value, CollectionKind Kind)? Dictionary(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol { Arity: 2 } named || named.TypeArguments[0].SpecialType != SpecialType.System_String)
        {
            return null;
        }

        var value = named.TypeArguments[1];
        return KnownTypes.IsGenericCollection(named, "Dictionary", 2) ? (value, CollectionKind.ConcreteDictionary)
            : KnownTypes.IsGenericCollection(named, "IReadOnlyDictionary", 2) || KnownTypes.IsGenericCollection(named, "IDictionary", 2) ? (value, CollectionKind.DictionaryInterface)
            : null;
    }

    /// <summary>Why a type that is none of the built-in shapes cannot be an object shape either, or null when it can.</summary>
    private static string? WhyUnsupported(ITypeSymbol type) => type switch
    {
        { SpecialType: SpecialType.System_Object } => "is object, whose shape is only known at run time",
        { TypeKind: TypeKind.Dynamic } => "is dynamic, whose shape is only known at run time",
        { TypeKind: TypeKind.Interface } => "is an interface, whose implementation is only known at run time",
        { TypeKind: TypeKind.Delegate } => "is a delegate",
        { TypeKind: TypeKind.Pointer or TypeKind.FunctionPointer } => "is a pointer",
        IArrayTypeSymbol => "is a multi-dimensional array",
        { IsAbstract: true } => "is abstract, so which class to create is only known at run time",
        { IsRefLikeType: true } => "is a ref struct",
        INamedTypeSymbol { IsGenericType: true } named when KnownTypes.IsInSystemNamespace(named) => "is a framework collection or generic type without a built-in shape (use List<T>, T[], IReadOnlyList<T> or Dictionary<string, T>)",
        _ when KnownTypes.IsInSystemNamespace(type) => "is a framework type without a built-in shape",
        INamedTypeSymbol => null,
        _ => "has no JSON shape",
    };

    /// <summary>
    /// The type as generated code names it, and the shape's identity: global::-qualified, without nullable reference
    /// annotations (string and string? share a shape; generated code adds the '?' where null is possible).
    /// </summary>
    private static string Key(ITypeSymbol type) =>
        type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    /// <summary>The type as the user wrote it, for messages.</summary>
    private static string Display(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);

    private string Reserve(string key)
    {
        var id = "S" + _ids.Count.ToString(CultureInfo.InvariantCulture);
        _ids.Add(key, id);
        _shapes.Add(null!);
        return id;
    }

    private string Add(
        string key, ITypeSymbol type, ShapeKind kind, string number = "", string elementId = "", string elementType = "",
        CollectionKind collection = CollectionKind.None, string contextTypeInfo = "") =>
        Complete(Reserve(key), key, Display(type), kind, type.IsValueType, number, elementId, elementType, collection, contextTypeInfo: contextTypeInfo);

    private string Add(string key, string display, ShapeKind kind, bool isValueType, ShapeMember[] members, int constructorArity) =>
        Complete(Reserve(key), key, display, kind, isValueType, members: members, constructorArity: constructorArity);

    /// <summary>Fills the place <see cref="Reserve"/> took for <paramref name="id"/>.</summary>
    private string Complete(
        string id, string key, string display, ShapeKind kind, bool isValueType, string number = "", string elementId = "", string elementType = "",
        CollectionKind collection = CollectionKind.None, ShapeMember[]? members = null, int constructorArity = 0, string contextTypeInfo = "", bool isFlags = false)
    {
        var index = int.Parse(id.Substring(1), CultureInfo.InvariantCulture);
        _shapes[index] = new TypeShape(
            id, key, display, kind, isValueType, number, elementId, elementType, collection,
            new EquatableArray<ShapeMember>(members ?? System.Array.Empty<ShapeMember>()), constructorArity, contextTypeInfo, isFlags);
        return id;
    }
}
