using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Routilux.Generators.Model;

namespace Routilux.Generators.Emit;

/// <summary>
/// The read of an object or tuple shape. Each member the read can set gets a local and a "seen" flag; the members
/// are matched by their UTF-8 names without allocating; unknown members are skipped. Then the value is built:
/// the constructor with its parameters (a missing one gets its type's default), an object initializer for the
/// required and init-only members (the only place C# lets them be set), and assignments, only when seen, for the
/// settable rest, so a member missing from the document keeps the value the constructor gave it. A missing
/// <c>required</c> member is an error naming the member and the type.
/// </summary>
internal static class ObjectReadEmitter
{
    private const string Json = "global::Routilux.Serialization.GeneratedJson";
    private const string Token = "global::System.Text.Json.JsonTokenType";

    public static void Write(SourceWriter writer, TypeShape shape, SerializationSpec spec)
    {
        var isTuple = shape.Kind == ShapeKind.Tuple;
        writer.Line(shape.IsValueType
            ? "if (reader.TokenType == " + Token + ".Null) throw " + Json + ".Mismatch(ref reader, path, \"an object\");"
            : "if (reader.TokenType == " + Token + ".Null) return null!;");
        writer.Line(Json + ".ExpectStartObject(ref reader, path);");
        for (var i = 0; i < shape.Members.Count; i++)
        {
            var member = shape.Members[i];
            if (member.CanSet)
            {
                writer.Line(ShapeType(spec, member.ShapeId) + " m" + Number(i) + " = default!;");
                if (NeedsFlag(member, isTuple))
                {
                    writer.Line("var has" + Number(i) + " = false;");
                }
            }
        }

        writer.Open("while (true)");
        writer.Line(Json + ".Next(ref reader, path);");
        writer.Line("if (reader.TokenType == " + Token + ".EndObject) break;");
        var keyword = "if";
        for (var i = 0; i < shape.Members.Count; i++)
        {
            var member = shape.Members[i];
            if (!member.CanSet)
            {
                continue;
            }

            writer.Open(keyword + " (reader.ValueTextEquals(" + GeneratedCode.Literal(member.JsonName) + "u8))");
            writer.Line(Json + ".Next(ref reader, path);");
            writer.Line("m" + Number(i) + " = Read_" + member.ShapeId + "(ref reader, " + GeneratedCode.Literal(shape.DisplayName + "." + member.JsonName) + ");");
            if (NeedsFlag(member, isTuple))
            {
                writer.Line("has" + Number(i) + " = true;");
            }

            writer.Close();
            keyword = "else if";
        }

        // Unknown members (and members a read cannot set) are skipped: payloads of a newer build still read.
        if (keyword == "if")
        {
            writer.Line(Json + ".Next(ref reader, path);").Line(Json + ".Skip(ref reader);");
        }
        else
        {
            writer.Open("else").Line(Json + ".Next(ref reader, path);").Line(Json + ".Skip(ref reader);").Close();
        }

        writer.Close();

        for (var i = 0; i < shape.Members.Count; i++)
        {
            if (shape.Members[i].IsRequired)
            {
                writer.Line("if (!has" + Number(i) + ") throw " + Json + ".MissingRequired(" + GeneratedCode.Literal(shape.DisplayName) + ", " + GeneratedCode.Literal(shape.Members[i].JsonName) + ");");
            }
        }

        if (isTuple)
        {
            var elements = new List<string>();
            for (var i = 0; i < shape.Members.Count; i++)
            {
                elements.Add("m" + Number(i));
            }

            writer.Line("return (" + string.Join(", ", elements) + ");");
            return;
        }

        writer.Line("var value = " + Creation(shape) + ";");
        for (var i = 0; i < shape.Members.Count; i++)
        {
            var member = shape.Members[i];
            if (member.CanSet && member.ConstructorParameter < 0 && !InInitializer(member))
            {
                writer.Line("if (has" + Number(i) + ") value." + JsonCodecEmitter.Access(member.Name) + " = m" + Number(i) + ";");
            }
        }

        writer.Line("return value;");
    }

    /// <summary>"new T(m0, m2) { Required = m1 }": constructor arguments in parameter order, then the initializer.</summary>
    private static string Creation(TypeShape shape)
    {
        var arguments = new string[shape.ConstructorArity];
        var initializer = new List<string>();
        for (var i = 0; i < shape.Members.Count; i++)
        {
            var member = shape.Members[i];
            if (member.ConstructorParameter >= 0 && member.ConstructorParameter < arguments.Length)
            {
                arguments[member.ConstructorParameter] = "m" + Number(i);
            }
            else if (member.CanSet && InInitializer(member))
            {
                initializer.Add(JsonCodecEmitter.Access(member.Name) + " = m" + Number(i));
            }
        }

        var creation = new StringBuilder("new ").Append(shape.Type).Append('(').Append(string.Join(", ", arguments)).Append(')');
        if (initializer.Count > 0)
        {
            creation.Append(" { ").Append(string.Join(", ", initializer)).Append(" }");
        }

        return creation.ToString();
    }

    /// <summary>
    /// Required members must be set in the initializer (CS9035). Init-only members can only be set there, so a missing
    /// one gets its type's default there (documented in docs/durable-state.md). The settable rest is assigned after.
    /// </summary>
    private static bool InInitializer(ShapeMember member) => member.IsRequired || member.IsInitOnly;

    /// <summary>Whether a member's "seen" flag is read: to enforce <c>required</c>, or to leave a missing settable member alone.</summary>
    private static bool NeedsFlag(ShapeMember member, bool isTuple) =>
        !isTuple && (member.IsRequired || (member.CanSet && member.ConstructorParameter < 0 && !InInitializer(member)));

    private static string ShapeType(SerializationSpec spec, string id) =>
        spec.Shapes[int.Parse(id.Substring(1), CultureInfo.InvariantCulture)].Type;

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
