using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Routilux.Serialization;

/// <summary>
/// The runtime's reader of saved state documents (checkpoints call it when a worker resumes). Reads a routine's saved state document into an
/// instance whatever version it was saved at: the same version is read directly; an older one is parsed into a
/// <see cref="JsonObject"/>, run through the routine's [MigrateState] steps, then read; a newer one is an error naming
/// both versions and the document, because this code cannot know what the newer build changed.
/// </summary>
internal static class StateDocuments
{
    /// <summary>Reads <paramref name="json"/> (one JSON object) into <paramref name="routine"/>.</summary>
    /// <param name="serializer">The routine type's generated state serializer.</param>
    /// <param name="routine">The instance to fill.</param>
    /// <param name="json">The state object as UTF-8.</param>
    /// <param name="savedVersion">The state version the document was written with.</param>
    /// <param name="documentName">What the document is, for messages: "state of routine 'counter' in checkpoint 12 of worker 'w1'".</param>
    /// <exception cref="RoutiluxSerializationException">The version is newer than the code or below 1, a migration is missing, or the JSON is bad or of the wrong shape.</exception>
    public static void ReadInto(StateSerializer serializer, IRoutine routine, ReadOnlySpan<byte> json, int savedVersion, string documentName)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        ArgumentNullException.ThrowIfNull(routine);
        CheckVersion(serializer, savedVersion, documentName);
        try
        {
            if (savedVersion == serializer.Version)
            {
                var reader = new Utf8JsonReader(json);
                ReadCurrent(serializer, routine, ref reader, documentName);
                return;
            }

            if (JsonNode.Parse(json) is not JsonObject state)
            {
                throw new RoutiluxSerializationException($"The {documentName} is not a JSON object. Restore the document from its writer's output.");
            }

            ReadMigrated(serializer, routine, state, savedVersion, documentName);
        }
        catch (JsonException e)
        {
            throw BadJson(documentName, e);
        }
    }

    /// <summary>Reads <paramref name="state"/> (a JSON object element) into <paramref name="routine"/>; see the span overload.</summary>
    public static void ReadInto(StateSerializer serializer, IRoutine routine, JsonElement state, int savedVersion, string documentName)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        ArgumentNullException.ThrowIfNull(routine);
        CheckVersion(serializer, savedVersion, documentName);
        if (state.ValueKind != JsonValueKind.Object)
        {
            throw new RoutiluxSerializationException($"The {documentName} is {state.ValueKind}, not a JSON object. Restore the document from its writer's output.");
        }

        if (savedVersion != serializer.Version)
        {
            ReadMigrated(serializer, routine, JsonObject.Create(state)!, savedVersion, documentName);
            return;
        }

        // One copy of the element's UTF-8 for the reader, on a path taken once per routine and resume.
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            state.WriteTo(writer);
        }

        ReadInto(serializer, routine, buffer.WrittenSpan, savedVersion, documentName);
    }

    private static void CheckVersion(StateSerializer serializer, int savedVersion, string documentName)
    {
        if (savedVersion > serializer.Version)
        {
            throw new RoutiluxSerializationException(
                $"The {documentName} was saved at state version {savedVersion.ToString(CultureInfo.InvariantCulture)}, newer than this code's version " +
                $"{serializer.Version.ToString(CultureInfo.InvariantCulture)}. Run the newer build that wrote it, or restore a checkpoint written by this one.");
        }

        if (savedVersion < 1)
        {
            throw new RoutiluxSerializationException(
                $"The {documentName} records state version {savedVersion.ToString(CultureInfo.InvariantCulture)}; versions start at 1. The document is damaged; restore it from its writer's output.");
        }
    }

    private static void ReadMigrated(StateSerializer serializer, IRoutine routine, JsonObject state, int savedVersion, string documentName)
    {
        try
        {
            serializer.Migrate(state, savedVersion);
        }
        catch (RoutiluxSerializationException e)
        {
            throw new RoutiluxSerializationException($"Cannot migrate the {documentName} from state version {savedVersion.ToString(CultureInfo.InvariantCulture)}: {e.Message}", e);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new RoutiluxSerializationException(
                $"A [MigrateState] migration of the {documentName} from state version {savedVersion.ToString(CultureInfo.InvariantCulture)} threw: {e.Message} Fix the migration; the document is unchanged.", e);
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            state.WriteTo(writer);
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        ReadCurrent(serializer, routine, ref reader, documentName);
    }

    private static void ReadCurrent(StateSerializer serializer, IRoutine routine, ref Utf8JsonReader reader, string documentName)
    {
        try
        {
            if (!reader.Read())
            {
                throw new RoutiluxSerializationException($"The {documentName} is empty. Restore the document from its writer's output.");
            }

            serializer.Read(ref reader, routine);
        }
        catch (RoutiluxSerializationException e) when (!e.Message.Contains(documentName, StringComparison.Ordinal))
        {
            throw new RoutiluxSerializationException($"Cannot read the {documentName}: {e.Message}", e);
        }
    }

    private static RoutiluxSerializationException BadJson(string documentName, JsonException e) =>
        new($"The {documentName} is not valid JSON ({e.Message}). Restore the document from its writer's output.", e);
}
