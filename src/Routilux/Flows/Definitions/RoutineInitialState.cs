using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Routilux.Serialization;

namespace Routilux;

/// <summary>
/// The state a routine of a flow starts with in every worker: a flow definition's <c>"config"</c>, migrated to the
/// routine's current <see cref="RoutineDescriptor.StateVersion"/> and checked once when the definition is loaded, then
/// read into each new instance with the routine's generated state serializer. Kept on the flow, so an export writes it back.
/// </summary>
internal sealed class RoutineInitialState
{
    // Invariants: _descriptor has a state serializer; _utf8State is one JSON object of the descriptor's current state
    // version, which that serializer has read without error at least once (when the definition was loaded).
    private readonly RoutineDescriptor _descriptor;
    private readonly byte[] _utf8State;

    private RoutineInitialState(RoutineDescriptor descriptor, byte[] utf8State)
    {
        Debug.Assert(descriptor.StateSerializer is not null, "Only a routine with state has an initial state.");
        _descriptor = descriptor;
        _utf8State = utf8State;
    }

    /// <summary>The state version the state is written in: always the routine's current one.</summary>
    public int StateVersion => _descriptor.StateVersion;

    /// <summary>
    /// Checks a routine's config and returns it ready to apply, or null with the problems recorded, each starting
    /// with its JSON path.
    /// </summary>
    /// <param name="routineId">The routine's id in the flow.</param>
    /// <param name="descriptor">The routine's type.</param>
    /// <param name="config">The "config" value.</param>
    /// <param name="path">Its path, for example <c>$.routines.cnt.config</c>.</param>
    /// <param name="savedVersion">The state version the config says it was written for ("stateVersion"), or null when it says none.</param>
    /// <param name="versionPath">The path of "stateVersion", or of the routine when it has none.</param>
    /// <param name="problems">Where problems go.</param>
    /// <param name="flowId">The flow, for the exception about a newer state version.</param>
    /// <exception cref="RoutiluxSerializationException">The config is written for a state version newer than the routine's.</exception>
    public static RoutineInitialState? Create(
        string routineId, RoutineDescriptor descriptor, JsonElement config, string path, int? savedVersion, string versionPath, List<string> problems, string flowId)
    {
        if (descriptor.StateSerializer is not { } serializer)
        {
            problems.Add(
                $"{path}: routine '{routineId}' ({descriptor.Name}) has no saved state ([State] members), so it takes no config. " +
                "Remove \"config\", or mark the members it should set with [State].");
            return null;
        }

        if (config.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{path}: expected the routine's initial state (a JSON object of its [State] members), found {DefinitionJson.Describe(config)}.");
            return null;
        }

        // A config written for version 1 of a routine now at version 3 would be misread as version 3, so a routine
        // past its first version must be told which one the config is for.
        var version = savedVersion ?? 1;
        if (savedVersion is null && serializer.Version > 1)
        {
            problems.Add(
                $"{versionPath}: routine '{routineId}' ({descriptor.Name}) is at state version {serializer.Version}, so its config must say which " +
                $"version it was written for: add \"stateVersion\": {serializer.Version} beside \"config\" (or the older version it was written for, " +
                "and its migrations will run).");
            return null;
        }

        if (version > serializer.Version)
        {
            throw new RoutiluxSerializationException(
                $"Flow definition '{flowId}': {versionPath} is {version}, but routine type '{descriptor.Name}' ({descriptor.RoutineType.FullName}) " +
                $"is at state version {serializer.Version} in this build. The definition was written for a newer build of the routine: " +
                $"deploy that build, or write the config for version {serializer.Version}.");
        }

        // The raw text may hold comments and trailing commas, which the definition allows.
        var state = (JsonObject)JsonNode.Parse(config.GetRawText(), documentOptions: FlowDefinitionReader.DocumentOptions)!;
        if (version < serializer.Version)
        {
            try
            {
                serializer.Migrate(state, version);
            }
            catch (RoutiluxSerializationException error)
            {
                problems.Add($"{path}: migrating the config of routine '{routineId}' from state version {version} to {serializer.Version} failed: {error.Message}");
                return null;
            }
        }

        var before = problems.Count;
        CheckMembers(routineId, descriptor, serializer, state, path, problems);
        if (problems.Count != before)
        {
            return null;
        }

        var initial = new RoutineInitialState(descriptor, ToUtf8(state));
        if (descriptor.CanCreateInstance)
        {
            // Read it once now, so a value of the wrong shape is reported with the definition, not when a worker starts.
            try
            {
                initial.ApplyTo(descriptor.CreateInstance());
            }
            catch (Exception error) when (error is RoutiluxSerializationException or JsonException or FormatException or InvalidOperationException)
            {
                problems.Add($"{path}: the config does not fit the state of routine '{routineId}' ({descriptor.Name}): {error.Message}");
                return null;
            }
        }

        return initial;
    }

    /// <summary>Reads the state into <paramref name="instance"/>, a new instance of the routine, and returns it.</summary>
    public IRoutine ApplyTo(IRoutine instance)
    {
        // A factory that returned null is reported by FlowRoutine.CreateInstance, which names the routine.
        if (instance is null)
        {
            return instance!;
        }

        var reader = new Utf8JsonReader(_utf8State);
        reader.Read();
        _descriptor.StateSerializer!.Read(ref reader, instance);
        return instance;
    }

    /// <summary>Writes the state object (indented by <paramref name="json"/>'s own settings).</summary>
    public void WriteTo(Utf8JsonWriter json)
    {
        using var document = JsonDocument.Parse(_utf8State);
        document.RootElement.WriteTo(json);
    }

    /// <summary>
    /// Every key of the config must be a state member: a misspelt key would otherwise land in the overflow bag and be
    /// written back forever, never setting the member it meant.
    /// </summary>
    private static void CheckMembers(string routineId, RoutineDescriptor descriptor, StateSerializer serializer, JsonObject state, string path, List<string> problems)
    {
        var known = serializer.MemberNames ?? NamesWrittenForNewInstance(descriptor, serializer);
        if (known is null)
        {
            return;
        }

        foreach (var (name, _) in state)
        {
            if (!known.Contains(name, StringComparer.Ordinal))
            {
                problems.Add(
                    $"{JsonPath.Member(path, name)}: '{name}' is not a state member of routine '{routineId}' ({descriptor.Name}).{NameSuggestions.DidYouMean(name, known)} " +
                    $"Its state members: {(known.Count == 0 ? "(none)" : string.Join(", ", known))}.");
            }
        }
    }

    /// <summary>The member names the serializer writes for a new instance, or null when none can be created.</summary>
    private static string[]? NamesWrittenForNewInstance(RoutineDescriptor descriptor, StateSerializer serializer)
    {
        if (!descriptor.CanCreateInstance)
        {
            return null;
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            serializer.Write(writer, descriptor.CreateInstance());
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
    }

    private static byte[] ToUtf8(JsonObject state)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            state.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
