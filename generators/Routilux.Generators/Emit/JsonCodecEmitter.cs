using System.Globalization;
using System.Threading;
using Routilux.Generators.Model;

namespace Routilux.Generators.Emit;

/// <summary>
/// Writes a routine's <c>__RoutiluxJson</c> class: for each type shape a <c>Write_Sn(writer, value)</c> and a
/// <c>Read_Sn(ref reader, path)</c> straight on Utf8JsonWriter/Utf8JsonReader, the property names pre-encoded once.
/// Reads enter on the value's first token and leave on its last (System.Text.Json's converter convention); errors
/// name the type and member ("Order.Lines") through the runtime's GeneratedJson. Nothing on the write path
/// allocates: no boxing, no LINQ, no closures, and List/array/dictionary walks use indexers or struct enumerators.
/// </summary>
internal static class JsonCodecEmitter
{
    public const string ClassName = "__RoutiluxJson";
    private const string Writer = "global::System.Text.Json.Utf8JsonWriter";
    private const string Reader = "global::System.Text.Json.Utf8JsonReader";
    private const string Token = "global::System.Text.Json.JsonTokenType";
    private const string Json = "global::Routilux.Serialization.GeneratedJson";
    private const string Encoded = "global::System.Text.Json.JsonEncodedText";

    public static void Write(SourceWriter writer, RoutineSpec routine, CancellationToken cancellationToken)
    {
        writer.Line(GeneratedCode.Attribute);
        writer.Open("private static class " + ClassName);
        var first = true;
        foreach (var member in routine.State.Members)
        {
            writer.Line("internal static readonly " + Encoded + " " + StateName(member) + " = " + Encoded + ".Encode(" + GeneratedCode.Literal(member.JsonName) + ");");
            first = false;
        }

        foreach (var shape in routine.Serialization.Shapes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (shape.Kind is ShapeKind.Object or ShapeKind.Tuple)
            {
                for (var i = 0; i < shape.Members.Count; i++)
                {
                    writer.Line("private static readonly " + Encoded + " " + PropertyName(shape, i) + " = " + Encoded + ".Encode(" + GeneratedCode.Literal(shape.Members[i].JsonName) + ");");
                    first = false;
                }
            }
        }

        foreach (var shape in routine.Serialization.Shapes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!first)
            {
                writer.Line();
            }

            first = false;
            WriteMethod(writer, shape, routine.Serialization);
            writer.Line();
            ReadMethod(writer, shape, routine.Serialization);
        }

        writer.Close();
    }

    /// <summary>The pre-encoded JSON name of a state member.</summary>
    public static string StateName(StateMemberSpec member) => "State_" + member.Name.TrimStart('@');

    /// <summary>The parameter type of Write_Sn: reference types take null.</summary>
    public static string ValueType(TypeShape shape) => shape.IsValueType ? shape.Type : shape.Type + "?";

    private static string PropertyName(TypeShape shape, int member) => "Name_" + shape.Id + "_" + member.ToString(CultureInfo.InvariantCulture);

    private static void WriteMethod(SourceWriter writer, TypeShape shape, SerializationSpec spec)
    {
        writer.Open("public static void Write_" + shape.Id + "(" + Writer + " writer, " + ValueType(shape) + " value)");
        if (!shape.IsValueType && shape.Kind is not (ShapeKind.String or ShapeKind.Uri or ShapeKind.Bytes or ShapeKind.Context))
        {
            writer.Open("if (value is null)").Line("writer.WriteNullValue();").Line("return;").Close().Line();
        }

        switch (shape.Kind)
        {
            case ShapeKind.Boolean:
                writer.Line("writer.WriteBooleanValue(value);");
                break;
            case ShapeKind.Number:
                writer.Line(shape.Number switch
                {
                    "Single" or "Double" => Json + ".Write" + shape.Number + "(writer, value);",
                    "SByte" or "Int16" => "writer.WriteNumberValue((int)value);",
                    "Byte" or "UInt16" => "writer.WriteNumberValue((uint)value);",
                    _ => "writer.WriteNumberValue(value);",
                });
                break;
            case ShapeKind.Char:
                writer.Line(Json + ".WriteChar(writer, value);");
                break;
            case ShapeKind.String:
            case ShapeKind.DateTime:
            case ShapeKind.DateTimeOffset:
            case ShapeKind.Guid:
                writer.Line(shape.Kind == ShapeKind.String ? "if (value is null) writer.WriteNullValue(); else writer.WriteStringValue(value);" : "writer.WriteStringValue(value);");
                break;
            case ShapeKind.TimeSpan:
                writer.Line(Json + ".WriteTimeSpan(writer, value);");
                break;
            case ShapeKind.Uri:
                writer.Line(Json + ".WriteUri(writer, value);");
                break;
            case ShapeKind.Bytes:
                writer.Line(Json + ".WriteBytes(writer, value);");
                break;
            case ShapeKind.Unit:
                writer.Line("writer.WriteNullValue();");
                break;
            case ShapeKind.Context:
                writer.Line("global::System.Text.Json.JsonSerializer.Serialize(writer, value" + (shape.IsValueType ? string.Empty : "!") + ", " + shape.ContextTypeInfo + ");");
                break;
            case ShapeKind.Enum:
                writer.Open("switch (value)");
                foreach (var name in shape.Members)
                {
                    writer.Line("case " + shape.Type + "." + Access(name.Name) + ": writer.WriteStringValue(" + GeneratedCode.Literal(name.JsonName) + "u8); return;");
                }

                // A value without a name (a [Flags] combination, a cast number) is written as its number.
                writer.Line("default: writer.WriteNumberValue((" + NumberType(shape.Number) + ")value); return;");
                writer.Close();
                break;
            case ShapeKind.Nullable:
                writer.Line("if (value.HasValue) Write_" + shape.ElementId + "(writer, value.GetValueOrDefault()); else writer.WriteNullValue();");
                break;
            case ShapeKind.Sequence:
                WriteSequence(writer, shape);
                break;
            case ShapeKind.Dictionary:
                WriteDictionary(writer, shape);
                break;
            default:
                writer.Line("writer.WriteStartObject();");
                for (var i = 0; i < shape.Members.Count; i++)
                {
                    var member = shape.Members[i];
                    var name = PropertyName(shape, i);
                    var access = "value." + Access(member.Name);
                    var combined = CombinedWrite(ShapeOf(spec, member.ShapeId), name, access);
                    if (combined is not null)
                    {
                        writer.Line(combined);
                        continue;
                    }

                    writer.Line("writer.WritePropertyName(" + name + ");");
                    writer.Line("Write_" + member.ShapeId + "(writer, " + access + ");");
                }

                writer.Line("writer.WriteEndObject();");
                break;
        }

        writer.Close();
    }

    /// <summary>
    /// The one-call write of a member whose value Utf8JsonWriter writes with its name in one go (WriteNumber(name, v),
    /// WriteString(name, v), WriteBoolean(name, v)), as System.Text.Json's own generated code does: it validates and
    /// updates the writer's state once instead of twice. <see langword="null"/> for every other shape.
    /// </summary>
    internal static string? CombinedWrite(TypeShape member, string name, string access)
    {
        switch (member.Kind)
        {
            case ShapeKind.Boolean:
                return "writer.WriteBoolean(" + name + ", " + access + ");";
            case ShapeKind.Number when member.Number is "Int32" or "Int64" or "UInt32" or "UInt64" or "Decimal":
                return "writer.WriteNumber(" + name + ", " + access + ");";
            case ShapeKind.String:
            case ShapeKind.DateTime:
            case ShapeKind.DateTimeOffset:
            case ShapeKind.Guid:
                // WriteString(name, (string?)null) writes a JSON null, as Write_ of a string does.
                return "writer.WriteString(" + name + ", " + access + ");";
            default:
                return null;
        }
    }

    internal static TypeShape ShapeOf(SerializationSpec spec, string shapeId) =>
        spec.Shapes[int.Parse(shapeId.Substring(1), CultureInfo.InvariantCulture)];

    private static void WriteSequence(SourceWriter writer, TypeShape shape)
    {
        writer.Line("writer.WriteStartArray();");
        var count = shape.Collection == CollectionKind.Array ? "Length" : "Count";
        if (shape.Collection == CollectionKind.Enumerable)
        {
            // Indexed when the value is a list, so the common case allocates no enumerator.
            writer.Open("if (value is global::System.Collections.Generic.IReadOnlyList<" + shape.ElementType + "> list)");
            writer.Line("for (var i = 0; i < list.Count; i++) Write_" + shape.ElementId + "(writer, list[i]);");
            writer.Close();
            writer.Open("else");
            writer.Line("foreach (var item in value) Write_" + shape.ElementId + "(writer, item);");
            writer.Close();
        }
        else
        {
            writer.Line("for (var i = 0; i < value." + count + "; i++) Write_" + shape.ElementId + "(writer, value[i]);");
        }

        writer.Line("writer.WriteEndArray();");
    }

    private static void WriteDictionary(SourceWriter writer, TypeShape shape)
    {
        writer.Line("writer.WriteStartObject();");
        if (shape.Collection == CollectionKind.DictionaryInterface)
        {
            // Through the concrete type when it is one: its enumerator is a struct.
            writer.Open("if (value is global::System.Collections.Generic.Dictionary<string, " + shape.ElementType + "> dictionary)");
            writer.Line("foreach (var pair in dictionary) { writer.WritePropertyName(pair.Key); Write_" + shape.ElementId + "(writer, pair.Value); }");
            writer.Close();
            writer.Open("else");
            writer.Line("foreach (var pair in value) { writer.WritePropertyName(pair.Key); Write_" + shape.ElementId + "(writer, pair.Value); }");
            writer.Close();
        }
        else
        {
            writer.Line("foreach (var pair in value) { writer.WritePropertyName(pair.Key); Write_" + shape.ElementId + "(writer, pair.Value); }");
        }

        writer.Line("writer.WriteEndObject();");
    }

    private static void ReadMethod(SourceWriter writer, TypeShape shape, SerializationSpec spec)
    {
        writer.Open("public static " + shape.Type + " Read_" + shape.Id + "(ref " + Reader + " reader, string path)");
        switch (shape.Kind)
        {
            case ShapeKind.Boolean:
                writer.Line("return " + Json + ".ReadBoolean(ref reader, path);");
                break;
            case ShapeKind.Number:
                writer.Line("return " + Json + ".Read" + shape.Number + "(ref reader, path);");
                break;
            case ShapeKind.Char:
            case ShapeKind.DateTime:
            case ShapeKind.DateTimeOffset:
            case ShapeKind.TimeSpan:
            case ShapeKind.Guid:
                writer.Line("return " + Json + ".Read" + shape.Kind + "(ref reader, path);");
                break;
            case ShapeKind.String:
            case ShapeKind.Uri:
            case ShapeKind.Bytes:
                writer.Line("return " + Json + ".Read" + shape.Kind + "(ref reader, path)!;");
                break;
            case ShapeKind.Unit:
                writer.Line(Json + ".Skip(ref reader);");
                writer.Line("return default;");
                break;
            case ShapeKind.Context:
                writer.Open("try");
                writer.Line("return global::System.Text.Json.JsonSerializer.Deserialize(ref reader, " + shape.ContextTypeInfo + ")!;");
                writer.Close();
                writer.Open("catch (global::System.Text.Json.JsonException e)");
                writer.Line("throw " + Json + ".ContextFailed(path, e);");
                writer.Close();
                break;
            case ShapeKind.Enum:
                ReadEnum(writer, shape);
                break;
            case ShapeKind.Nullable:
                writer.Line("return reader.TokenType == " + Token + ".Null ? null : Read_" + shape.ElementId + "(ref reader, path);");
                break;
            case ShapeKind.Sequence:
                ReadSequence(writer, shape);
                break;
            case ShapeKind.Dictionary:
                ReadDictionary(writer, shape);
                break;
            default:
                ObjectReadEmitter.Write(writer, shape, spec);
                break;
        }

        writer.Close();
    }

    private static void ReadEnum(SourceWriter writer, TypeShape shape)
    {
        writer.Open("if (reader.TokenType == " + Token + ".String)");
        foreach (var name in shape.Members)
        {
            writer.Line("if (reader.ValueTextEquals(" + GeneratedCode.Literal(name.JsonName) + "u8)) return " + shape.Type + "." + Access(name.Name) + ";");
        }

        writer.Line("throw " + Json + ".UnknownEnumName(ref reader, path, " + GeneratedCode.Literal(shape.DisplayName) + ");");
        writer.Close();
        writer.Line("return (" + shape.Type + ")" + Json + ".Read" + shape.Number + "(ref reader, path);");
    }

    private static void ReadSequence(SourceWriter writer, TypeShape shape)
    {
        writer.Line("if (reader.TokenType == " + Token + ".Null) return null!;");
        writer.Line(Json + ".ExpectStartArray(ref reader, path);");
        writer.Line("var items = new global::System.Collections.Generic.List<" + shape.ElementType + ">();");
        writer.Open("while (true)");
        writer.Line(Json + ".Next(ref reader, path);");
        writer.Line("if (reader.TokenType == " + Token + ".EndArray) break;");
        writer.Line("items.Add(Read_" + shape.ElementId + "(ref reader, path));");
        writer.Close();
        writer.Line(shape.Collection == CollectionKind.Array ? "return items.ToArray();" : "return items;");
    }

    private static void ReadDictionary(SourceWriter writer, TypeShape shape)
    {
        writer.Line("if (reader.TokenType == " + Token + ".Null) return null!;");
        writer.Line(Json + ".ExpectStartObject(ref reader, path);");
        writer.Line("var items = new global::System.Collections.Generic.Dictionary<string, " + shape.ElementType + ">();");
        writer.Open("while (true)");
        writer.Line(Json + ".Next(ref reader, path);");
        writer.Line("if (reader.TokenType == " + Token + ".EndObject) break;");
        writer.Line("var key = reader.GetString()!;");
        writer.Line(Json + ".Next(ref reader, path);");
        writer.Line("items[key] = Read_" + shape.ElementId + "(ref reader, path);");
        writer.Close();
        writer.Line("return items;");
    }

    /// <summary>The C# type of an enum's underlying number, for the cast when writing a value without a name.</summary>
    private static string NumberType(string number) => number switch
    {
        "SByte" => "sbyte",
        "Byte" => "byte",
        "Int16" => "short",
        "UInt16" => "ushort",
        "UInt32" => "uint",
        "Int64" => "long",
        "UInt64" => "ulong",
        _ => "int",
    };

    /// <summary>A member access: an identifier that is a keyword gets its '@'.</summary>
    public static string Access(string name) => Parsing.SymbolNames.Escape(name);
}
