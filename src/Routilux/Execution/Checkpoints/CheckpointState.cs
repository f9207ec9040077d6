using System.Text.Json;
using Routilux.Serialization;

namespace Routilux.Execution;

/// <summary>
/// Reads a routine's saved state from a checkpoint into a new instance, through <see cref="StateDocuments"/>: as it is
/// when saved at the current <see cref="RoutineAttribute.StateVersion"/>, migrated first when older, refused when newer.
/// </summary>
internal static class CheckpointState
{
    public static void ReadInto(IRoutine routine, RoutineDescriptor descriptor, JsonElement state, int savedVersion, string routineId, string checkpoint)
    {
        if (descriptor.StateSerializer is not { } serializer)
        {
            throw new RoutiluxSerializationException(
                $"The {checkpoint} holds state for routine '{routineId}' ({descriptor.Name}), but that routine has no [State] members in this build, so " +
                "the state would be lost. Keep the members (or mark them [State] again) until the worker has been resumed and drained.");
        }

        StateDocuments.ReadInto(serializer, routine, state, savedVersion, $"state of routine '{routineId}' ({descriptor.Name}) in {checkpoint}");
    }
}
