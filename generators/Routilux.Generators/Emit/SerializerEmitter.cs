using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Routilux.Generators.Model;

namespace Routilux.Generators.Emit;

/// <summary>
/// Writes a routine's serializers on top of its codec class (JsonCodecEmitter): one PayloadSerializer&lt;T&gt; per slot
/// whose payload has a shape, and, when its state members all have one, a StateSerializer with the overflow field that
/// keeps the members of newer builds. The descriptor (DescriptorEmitter) passes them to SlotDescriptor.Create and the
/// RoutineDescriptor constructor.
/// </summary>
internal static class SerializerEmitter
{
    public const string OverflowField = "__routiluxStateOverflow";
    public const string StateClass = "__RoutiluxStateSerializer";
    private const string Writer = "global::System.Text.Json.Utf8JsonWriter";
    private const string Reader = "global::System.Text.Json.Utf8JsonReader";
    private const string Json = "global::Routilux.Serialization.GeneratedJson";

    /// <summary>Whether the routine gets any codec at all.</summary>
    public static bool HasAny(RoutineSpec routine) => !routine.Serialization.Shapes.IsEmpty;

    /// <summary>Whether the routine gets a state serializer.</summary>
    public static bool HasStateSerializer(RoutineSpec routine) => routine.State.HasState && routine.Serialization.StateIsSerializable;

    /// <summary>The class name of slot <paramref name="index"/>'s payload serializer, or null when its payload has no shape.</summary>
    public static string? PayloadClass(RoutineSpec routine, int index) =>
        index < routine.Serialization.SlotShapes.Count && routine.Serialization.SlotShapes[index].Length > 0
            ? "__RoutiluxPayload" + index.ToString(CultureInfo.InvariantCulture)
            : null;

    public static void Write(SourceWriter writer, RoutineSpec routine, CancellationToken cancellationToken)
    {
        if (HasStateSerializer(routine))
        {
            writer.Line("/// <summary>State members of a newer build that this one does not know, written back so they are never erased.</summary>");
            writer.Line(GeneratedCode.Attribute);
            writer.Line("private global::System.Text.Json.Nodes.JsonObject? " + OverflowField + ";");
            writer.Line();
        }

        foreach (var slot in routine.Slots)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (PayloadClass(routine, slot.Index) is { } name)
            {
                WritePayloadClass(writer, routine, slot, name);
                writer.Line();
            }
        }

        if (HasStateSerializer(routine))
        {
            StateSerializerEmitter.Write(writer, routine);
            writer.Line();
        }

        JsonCodecEmitter.Write(writer, routine, cancellationToken);
    }

    private static void WritePayloadClass(SourceWriter writer, RoutineSpec routine, SlotSpec slot, string name)
    {
        var id = routine.Serialization.SlotShapes[slot.Index];
        var path = "payload of slot '" + slot.Name + "' of routine '" + routine.CatalogName + "'";
        writer.Line(GeneratedCode.Attribute);
        writer.Open("private sealed class " + name + " : global::Routilux.Serialization.PayloadSerializer<" + slot.PayloadType + ">");
        writer.Line("public override void Write(" + Writer + " writer, " + slot.PayloadType + " value) => " + JsonCodecEmitter.ClassName + ".Write_" + id + "(writer, value);");
        writer.Line();
        writer.Line("public override " + slot.PayloadType + " Read(ref " + Reader + " reader) => " + JsonCodecEmitter.ClassName + ".Read_" + id + "(ref reader, " + GeneratedCode.Literal(path) + ");");
        writer.Close();
    }

    /// <summary>The distinct migrations the generated Migrate can call, by version: valid signatures only, the first of duplicates.</summary>
    public static List<MigrationSpec> CallableMigrations(StateSpec state)
    {
        var seen = new HashSet<int>();
        var migrations = new List<MigrationSpec>();
        foreach (var migration in state.Migrations)
        {
            if (migration.HasValidSignature && migration.From >= 1 && migration.From < state.Version && seen.Add(migration.From))
            {
                migrations.Add(migration);
            }
        }

        migrations.Sort(static (a, b) => a.From.CompareTo(b.From));
        return migrations;
    }

    internal static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    internal static string JsonHelpers => Json;
}
