using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Routilux.Serialization;

namespace Routilux.Execution;

/// <summary>
/// Reads a routine's saved state into a new instance: as it is when saved at the current
/// <see cref="RoutineAttribute.StateVersion"/>, migrated on its JSON tree first when older, refused when newer.
/// </summary>
internal static class CheckpointState
{
    public static void ReadInto(IRoutine routine, RoutineDescriptor descriptor, JsonElement state, int savedVersion, string routineId, string checkpoint)
    {
        if (descriptor.StateSerializer is not { } serializer)
        {
            throw new RoutiluxSerializationException(
                $"The {checkpoint} holds state for routine '{routineId}' ({descriptor.Name}), but that routine has no [State] " +
                "members in this build, so the state would be lost. Keep the members (or mark them [State] again) until the worker has been resumed and drained.");
        }

        if (savedVersion > serializer.Version)
        {
            throw new RoutiluxSerializationException(
                $"The {checkpoint} holds state version {savedVersion} of routine '{routineId}' ({descriptor.Name}), newer than this " +
                $"build's StateVersion {serializer.Version}. It was written by a newer build: resume the worker with that build, or upgrade this one.");
        }

        var bytes = Encoding.UTF8.GetBytes(state.GetRawText());
        try
        {
            if (savedVersion < serializer.Version)
            {
                var tree = JsonNode.Parse(bytes) as JsonObject
                    ?? throw new RoutiluxSerializationException($"The saved state of routine '{routineId}' in the {checkpoint} is not a JSON object.");
                serializer.Migrate(tree, savedVersion);
                bytes = Encoding.UTF8.GetBytes(tree.ToJsonString());
            }

            var reader = new Utf8JsonReader(bytes);
            reader.Read();
            serializer.Read(ref reader, routine);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or RoutiluxSerializationException)
        {
            throw new RoutiluxSerializationException(
                $"The saved state (version {savedVersion}) of routine '{routineId}' ({descriptor.Name}) in the {checkpoint} cannot be read " +
                $"by this build (StateVersion {serializer.Version}): {ex.Message} If its shape changed, bump StateVersion and add a [MigrateState] step.", ex);
        }
    }
}
