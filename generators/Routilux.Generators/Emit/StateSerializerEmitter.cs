using Routilux.Generators.Model;

namespace Routilux.Generators.Emit;

/// <summary>
/// Writes a routine's StateSerializer: Write puts the state members (by their pinned JSON names) and then the overflow
/// bag in one object; Read sets each member it finds (under its name or a former one), keeps unknown members in the
/// overflow bag, leaves a missing member with the value the constructor gave it (a missing <c>required</c> one is an
/// error), and fills List/Dictionary members that are readonly in place; Migrate runs the [MigrateState] steps.
/// </summary>
internal static class StateSerializerEmitter
{
    private const string Writer = "global::System.Text.Json.Utf8JsonWriter";
    private const string Reader = "global::System.Text.Json.Utf8JsonReader";
    private const string Token = "global::System.Text.Json.JsonTokenType";
    private const string Routine = "global::Routilux.IRoutine";

    public static void Write(SourceWriter writer, RoutineSpec routine)
    {
        var json = SerializerEmitter.JsonHelpers;
        var codec = JsonCodecEmitter.ClassName;
        var self = routine.FullyQualifiedName;
        var state = routine.State;
        var path = "state of routine '" + routine.CatalogName + "'";

        writer.Line(GeneratedCode.Attribute);
        writer.Open("private sealed class " + SerializerEmitter.StateClass + " : global::Routilux.Serialization.StateSerializer");
        writer.Line("public " + SerializerEmitter.StateClass + "() : base(" + SerializerEmitter.Number(state.Version) + ") { }");
        writer.Line();
        WriteMemberNames(writer, state);

        writer.Open("public override void Write(" + Writer + " writer, " + Routine + " routine)");
        writer.Line("var self = (" + self + ")routine;");
        writer.Line("writer.WriteStartObject();");
        for (var i = 0; i < state.Members.Count; i++)
        {
            var member = state.Members[i];
            var name = codec + "." + JsonCodecEmitter.StateName(member);
            var access = "self." + JsonCodecEmitter.Access(member.Name);
            var combined = JsonCodecEmitter.CombinedWrite(JsonCodecEmitter.ShapeOf(routine.Serialization, routine.Serialization.StateShapes[i]), name, access);
            if (combined is not null)
            {
                writer.Line(combined);
                continue;
            }

            writer.Line("writer.WritePropertyName(" + name + ");");
            writer.Line(codec + ".Write_" + routine.Serialization.StateShapes[i] + "(writer, " + access + ");");
        }

        writer.Line(json + ".WriteOverflow(writer, self." + SerializerEmitter.OverflowField + ");");
        writer.Line("writer.WriteEndObject();");
        writer.Close();
        writer.Line();

        writer.Open("public override void Read(ref " + Reader + " reader, " + Routine + " routine)");
        writer.Line("var self = (" + self + ")routine;");
        writer.Line("const string path = " + GeneratedCode.Literal(path) + ";");
        writer.Line(json + ".ExpectStartObject(ref reader, path);");
        writer.Line("self." + SerializerEmitter.OverflowField + " = null;");
        for (var i = 0; i < state.Members.Count; i++)
        {
            if (state.Members[i].IsRequired)
            {
                writer.Line("var has" + SerializerEmitter.Number(i) + " = false;");
            }
        }

        writer.Open("while (true)");
        writer.Line(json + ".Next(ref reader, path);");
        writer.Line("if (reader.TokenType == " + Token + ".EndObject) break;");
        for (var i = 0; i < state.Members.Count; i++)
        {
            WriteMemberRead(writer, routine, i, i == 0 ? "if" : "else if");
        }

        writer.Open(state.Members.IsEmpty ? "{" : "else");
        writer.Line(json + ".ReadOverflow(ref reader, ref self." + SerializerEmitter.OverflowField + ", path);");
        writer.Close();
        writer.Close();

        for (var i = 0; i < state.Members.Count; i++)
        {
            if (state.Members[i].IsRequired)
            {
                writer.Line("if (!has" + SerializerEmitter.Number(i) + ") throw " + json + ".MissingRequired(" + GeneratedCode.Literal(path) + ", " + GeneratedCode.Literal(state.Members[i].JsonName) + ");");
            }
        }

        writer.Close();
        writer.Line();
        WriteMigrate(writer, routine);
        writer.Close();
    }

    private static void WriteMemberRead(SourceWriter writer, RoutineSpec routine, int index, string keyword)
    {
        var member = routine.State.Members[index];
        var json = SerializerEmitter.JsonHelpers;
        var condition = "reader.ValueTextEquals(" + GeneratedCode.Literal(member.JsonName) + "u8)";
        foreach (var former in member.FormerNames)
        {
            condition += " || reader.ValueTextEquals(" + GeneratedCode.Literal(former) + "u8)";
        }

        var id = routine.Serialization.StateShapes[index];
        var shape = routine.Serialization.Shapes[int.Parse(id.Substring(1), System.Globalization.CultureInfo.InvariantCulture)];
        var target = "self." + JsonCodecEmitter.Access(member.Name);
        var read = JsonCodecEmitter.ClassName + ".Read_" + id + "(ref reader, " + GeneratedCode.Literal(routine.CatalogName + "." + member.JsonName) + ")";
        writer.Open(keyword + " (" + condition + ")");
        writer.Line(json + ".Next(ref reader, path);");
        if (member.HasSetter)
        {
            writer.Line(target + " = " + read + ";");
        }
        else if (shape.Collection == CollectionKind.List)
        {
            // A readonly list is filled in place: the routine may hold references to it.
            writer.Line("var items = " + read + ";");
            writer.Line(target + ".Clear();");
            writer.Line("if (items is not null) " + target + ".AddRange(items);");
        }
        else
        {
            writer.Line("var items = " + read + ";");
            writer.Line(target + ".Clear();");
            writer.Line("if (items is not null) foreach (var pair in items) " + target + "[pair.Key] = pair.Value;");
        }

        if (member.IsRequired)
        {
            writer.Line("has" + SerializerEmitter.Number(index) + " = true;");
        }

        writer.Close();
    }

    /// <summary>The names Read takes (current, then former), so a flow definition's config can reject a misspelt key.</summary>
    private static void WriteMemberNames(SourceWriter writer, StateSpec state)
    {
        var names = new System.Collections.Generic.List<string>();
        foreach (var member in state.Members)
        {
            names.Add(GeneratedCode.Literal(member.JsonName));
        }

        foreach (var member in state.Members)
        {
            foreach (var former in member.FormerNames)
            {
                names.Add(GeneratedCode.Literal(former));
            }
        }

        writer.Line("private static readonly string[] __routiluxMemberNames = new string[] { " + string.Join(", ", names) + " };");
        writer.Line("public override global::System.Collections.Generic.IReadOnlyList<string> MemberNames => __routiluxMemberNames;");
        writer.Line();
    }

    private static void WriteMigrate(SourceWriter writer, RoutineSpec routine)
    {
        var state = routine.State;
        var migrations = SerializerEmitter.CallableMigrations(state);
        writer.Open("public override void Migrate(global::System.Text.Json.Nodes.JsonObject state, int fromVersion)");

        // With no step at all the loop could only throw, and its version++ would be unreachable code (CS0162).
        if (migrations.Count == 0)
        {
            writer.Line("if (fromVersion < Version) throw Missing(fromVersion, fromVersion);");
        }
        else
        {
            writer.Open("for (var version = fromVersion; version < Version; version++)");
            writer.Open("switch (version)");
            foreach (var migration in migrations)
            {
                writer.Line("case " + SerializerEmitter.Number(migration.From) + ": " + routine.FullyQualifiedName + "." + JsonCodecEmitter.Access(migration.MethodName) + "(state); break;");
            }

            writer.Line("default: throw Missing(version, fromVersion);");
            writer.Close();
            writer.Close();
        }

        writer.Close();
        writer.Line();
        writer.Open("private static global::Routilux.RoutiluxSerializationException Missing(int version, int fromVersion)");
        writer.Line("return new global::Routilux.RoutiluxSerializationException(");
        writer.Line("    \"Routine '" + Escape(routine.CatalogName) + "' has no [MigrateState(from: \" + version.ToString(global::System.Globalization.CultureInfo.InvariantCulture) + \")] migration, \" +");
        writer.Line("    \"so its state cannot be brought from version \" + fromVersion.ToString(global::System.Globalization.CultureInfo.InvariantCulture) + \" to " + SerializerEmitter.Number(state.Version) + ". Add the missing step as a static method of the routine.\");");
        writer.Close();
    }

    /// <summary>The catalog name inside a C# string literal written by hand above.</summary>
    private static string Escape(string value)
    {
        var literal = GeneratedCode.Literal(value);
        return literal.Substring(1, literal.Length - 2);
    }
}
