namespace Routilux.Generators.Model;

/// <summary>How a type is written as JSON by generated code.</summary>
internal enum ShapeKind
{
    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>A JSON number: every integer type, float, double, decimal (<see cref="TypeShape.Number"/> says which).</summary>
    Number,

    /// <summary>A one-character string.</summary>
    Char,

    /// <summary>A string, or null.</summary>
    String,

    /// <summary>The member's name as a string (a number for a value without a name; both are read).</summary>
    Enum,

    /// <summary>System.DateTime, ISO 8601.</summary>
    DateTime,

    /// <summary>System.DateTimeOffset, ISO 8601.</summary>
    DateTimeOffset,

    /// <summary>System.TimeSpan, the constant ("c") format.</summary>
    TimeSpan,

    /// <summary>System.Guid, "D" format.</summary>
    Guid,

    /// <summary>System.Uri, its original string.</summary>
    Uri,

    /// <summary>byte[], base64 (as System.Text.Json writes it).</summary>
    Bytes,

    /// <summary>Nullable&lt;T&gt;: null or the element's shape.</summary>
    Nullable,

    /// <summary>T[] or a list interface, as a JSON array (<see cref="TypeShape.Collection"/> says which).</summary>
    Sequence,

    /// <summary>A dictionary with string keys, as a JSON object.</summary>
    Dictionary,

    /// <summary>A class, record or struct: a JSON object of its members.</summary>
    Object,

    /// <summary>A ValueTuple: a JSON object keyed by its element names (a slot's parameter names).</summary>
    Tuple,

    /// <summary>Routilux.Unit: written as null, any value read.</summary>
    Unit,

    /// <summary>Delegated to the assembly's [RoutiluxJsonContext] context (<see cref="TypeShape.ContextTypeInfo"/>).</summary>
    Context,
}

/// <summary>Which sequence type a <see cref="ShapeKind.Sequence"/> is, which decides how it is walked and built.</summary>
internal enum CollectionKind
{
    None,

    /// <summary>T[]: indexed for-loop; read into a list, then ToArray.</summary>
    Array,

    /// <summary>List&lt;T&gt;: indexed for-loop; read into a new list.</summary>
    List,

    /// <summary>IReadOnlyList&lt;T&gt; or IList&lt;T&gt;: indexed through the interface; read into a List&lt;T&gt;.</summary>
    IndexedInterface,

    /// <summary>IEnumerable&lt;T&gt;, ICollection&lt;T&gt;, IReadOnlyCollection&lt;T&gt;: indexed when the value is an IReadOnlyList&lt;T&gt;, else enumerated; read into a List&lt;T&gt;.</summary>
    Enumerable,

    /// <summary>Dictionary&lt;string, T&gt;: its struct enumerator; read into a new dictionary.</summary>
    ConcreteDictionary,

    /// <summary>IReadOnlyDictionary&lt;string, T&gt; or IDictionary&lt;string, T&gt;: read into a Dictionary&lt;string, T&gt;.</summary>
    DictionaryInterface,
}

/// <summary>
/// One member of an object or tuple shape, or one named value of an enum.
/// </summary>
/// <param name="Name">How C# reaches it: the property or field name (Item1... for a tuple), or the enum member.</param>
/// <param name="JsonName">Its JSON name: [JsonPropertyName], the slot's parameter name for a tuple, or <paramref name="Name"/>.</param>
/// <param name="ShapeId">The member type's shape; empty for an enum value.</param>
/// <param name="IsRequired">A <c>required</c> member: reading a document without it is an error.</param>
/// <param name="ConstructorParameter">Its position among the chosen constructor's parameters, or -1 when it is set by an object initializer.</param>
/// <param name="CanSet">Whether a read can give it a value (a constructor parameter, or a set or init accessor, or a writable field).</param>
/// <param name="IsInitOnly">A property whose setter is <c>init</c>: set in the object initializer.</param>
internal sealed record ShapeMember(string Name, string JsonName, string ShapeId, bool IsRequired, int ConstructorParameter, bool CanSet, bool IsInitOnly);

/// <summary>
/// How generated code writes and reads one type. Shapes refer to each other by <see cref="Id"/>, so a recursive type
/// (a record holding a list of itself) is one shape whose codec calls itself.
/// </summary>
/// <param name="Id">A name unique within the routine's codec class ("S3"), in discovery order.</param>
/// <param name="Type">The type as generated code names it, global::-qualified, without a nullable reference annotation.</param>
/// <param name="DisplayName">The type's short name for error messages ("Order", "List&lt;Order&gt;").</param>
/// <param name="Kind">How it is written.</param>
/// <param name="IsValueType">Whether null is impossible (no null check, no '?' on the parameter).</param>
/// <param name="Number">For numbers and enums: the Utf8JsonReader/writer suffix of the (underlying) type, "Int32", "Double"...</param>
/// <param name="ElementId">Nullable, Sequence, Dictionary: the element's (value's) shape.</param>
/// <param name="ElementType">Sequence and Dictionary: the element type as C#.</param>
/// <param name="Collection">Which sequence or dictionary type.</param>
/// <param name="Members">Object and Tuple: the members in declaration order; Enum: the named values.</param>
/// <param name="ConstructorArity">Object: the chosen constructor's parameter count (0 for a parameterless constructor or a struct's default).</param>
/// <param name="ContextTypeInfo">Context: the expression of the JsonTypeInfo&lt;T&gt; ("global::App.Json.Default.Money").</param>
/// <param name="IsFlags">Enum: [Flags], whose combinations are written as numbers.</param>
internal sealed record TypeShape(
    string Id,
    string Type,
    string DisplayName,
    ShapeKind Kind,
    bool IsValueType,
    string Number,
    string ElementId,
    string ElementType,
    CollectionKind Collection,
    EquatableArray<ShapeMember> Members,
    int ConstructorArity,
    string ContextTypeInfo,
    bool IsFlags);

/// <summary>
/// The JSON codecs of one routine: every shape reachable from its slot payloads and state members, the root shape of
/// each slot and state member. A root is empty where the type has no shape (the analyzers report RTLX2001; the
/// generator then leaves that serializer out) or is a type parameter.
/// </summary>
/// <param name="Shapes">Every shape, in discovery order.</param>
/// <param name="SlotShapes">By slot index: the payload's shape id, or empty.</param>
/// <param name="StateShapes">By state member index: the member type's shape id, or empty.</param>
/// <param name="StateIsSerializable">Whether every state member has a shape and can be read back (the routine gets a StateSerializer).</param>
internal sealed record SerializationSpec(
    EquatableArray<TypeShape> Shapes,
    EquatableArray<string> SlotShapes,
    EquatableArray<string> StateShapes,
    bool StateIsSerializable)
{
    public static readonly SerializationSpec None = new(
        EquatableArray<TypeShape>.Empty, EquatableArray<string>.Empty, EquatableArray<string>.Empty, false);
}
