using System.Diagnostics;
using System.Text.Json;
using Routilux.Serialization;

namespace Routilux;

/// <summary>
/// Reads a flow definition (the format is on <see cref="FlowDefinition"/>) into a <see cref="FlowBuilder"/>. One pass
/// over the document checks everything <see cref="FlowBuilder.Build"/> checks, and more (unknown keys, value types),
/// with each problem starting at its JSON path; the builder's own checks then run on what is already known good.
/// </summary>
internal sealed partial class FlowDefinitionReader
{
    /// <summary>Hand-written definitions may carry comments and trailing commas; nothing else is relaxed.</summary>
    internal static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private static readonly string[] RootMembers = { DocumentFormat.PropertyName, "id", "routines", "connections", "entries", "policies" };
    private static readonly string[] RoutineMembers = { "type", "stateVersion", "config" };
    private static readonly string[] ConnectionMembers = { "from", "to" };
    // Everything read so far. Invariant: every routine in _routines has a resolved type; ids whose type could not be
    // resolved are in _unresolved instead, so references to them report nothing more (their problem is already said).
    private readonly List<string> _problems = new();
    private readonly Dictionary<string, DefinedRoutine> _routines = new(StringComparer.Ordinal);
    private readonly List<DefinedRoutine> _routinesInOrder = new();
    private readonly HashSet<string> _unresolved = new(StringComparer.Ordinal);
    private readonly List<(string From, string To)> _connections = new();
    private readonly List<string> _entries = new();
    private readonly List<(string RoutineId, ErrorPolicy Policy)> _routinePolicies = new();
    private readonly List<(string Slot, int? Capacity, QueueFullPolicy? WhenFull)> _slotPolicies = new();
    private readonly bool _complete;
    private int _entriesListed;
    private ErrorPolicy? _flowPolicy;
    private string _flowId = "(no id)";

    private FlowDefinitionReader(bool complete) => _complete = complete;

    /// <summary>Reads <paramref name="json"/> into a builder.</summary>
    /// <param name="json">The definition.</param>
    /// <param name="complete">
    /// Whether the document is the whole flow (<see cref="FlowDefinition.Load(string)"/>): then a missing entry and an
    /// unconnected slot are problems here, with paths; otherwise code may still add them before building.
    /// </param>
    public static FlowBuilder Read(string json, bool complete)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException error)
        {
            throw new RoutiluxSerializationException(
                $"The flow definition is not valid JSON (line {error.LineNumber + 1}, byte {error.BytePositionInLine + 1} of that line): " +
                $"{error.Message} Fix the JSON; its shape is described in docs/durable-state.md, \"Flow definitions\".",
                error);
        }

        using (document)
        {
            return new FlowDefinitionReader(complete).Read(document.RootElement);
        }
    }

    private FlowBuilder Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new RoutiluxSerializationException(
                $"The flow definition is {DefinitionJson.Describe(root)}, not a JSON object: a definition is {{\"format\": {FlowDefinition.FormatVersion}, \"id\": ..., \"routines\": {{...}}, ...}}.");
        }

        // The id first, leniently, so that even the format error can name the flow.
        if (root.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String && idElement.GetString() is { Length: > 0 } id)
        {
            _flowId = id;
        }

        DocumentFormat.Check(root, FlowDefinition.FormatVersion, $"Flow definition '{_flowId}'");
        var members = DefinitionJson.ReadObject(root, JsonPath.Root, "a flow definition", RootMembers, _problems)!;
        var byName = members.ToDictionary(m => m.Name, m => (m.Value, m.Path), StringComparer.Ordinal);

        // Sections in dependency order, whatever their order in the document: references need the routines.
        if (!byName.TryGetValue("id", out var idMember))
        {
            _problems.Add("$.id: missing; every flow definition names its flow, for example \"id\": \"word-count\".");
        }
        else
        {
            DefinitionJson.ReadString(idMember.Value, idMember.Path, "the flow's id", _problems);
        }

        if (!byName.TryGetValue("routines", out var routines))
        {
            _problems.Add("$.routines: missing; list the flow's routines, for example \"routines\": {\"tok\": {\"type\": \"Tokenizer\"}}.");
        }
        else
        {
            ReadRoutines(routines.Value, routines.Path);
        }

        if (byName.TryGetValue("connections", out var connections))
        {
            ReadConnections(connections.Value, connections.Path);
        }

        if (byName.TryGetValue("entries", out var entries))
        {
            ReadEntries(entries.Value, entries.Path);
        }

        if (byName.TryGetValue("policies", out var policies))
        {
            ReadPolicies(policies.Value, policies.Path);
        }

        if (_complete)
        {
            CheckComplete();
        }

        if (_problems.Count > 0)
        {
            throw new FlowValidationException(_flowId, _problems);
        }

        return CreateBuilder();
    }

    private void ReadRoutines(JsonElement element, string path)
    {
        var routines = DefinitionJson.ReadObject(element, path, "the routines by id", allowed: null, _problems);
        if (routines is null)
        {
            return;
        }

        foreach (var (id, value, routinePath) in routines)
        {
            if (ReadRoutine(id, value, routinePath) is { } routine)
            {
                _routines.Add(id, routine);
                _routinesInOrder.Add(routine);
            }
            else
            {
                _unresolved.Add(id);
            }
        }
    }

    private DefinedRoutine? ReadRoutine(string id, JsonElement element, string path)
    {
        var before = _problems.Count;
        if (id.Length == 0 || id.Contains('.', StringComparison.Ordinal))
        {
            _problems.Add($"{path}: '{id}' is not a routine id: ids are non-empty and have no '.', which separates routine and port in \"routine.Port\" references.");
        }

        var members = DefinitionJson.ReadObject(element, path, "a routine", RoutineMembers, _problems);
        if (members is null)
        {
            return null;
        }

        RoutineDescriptor? descriptor = null;
        int? stateVersion = null;
        string? versionPath = null;
        (JsonElement Value, string Path)? config = null;
        var typePath = JsonPath.Member(path, "type");
        foreach (var (name, value, memberPath) in members)
        {
            switch (name)
            {
                case "type":
                    if (DefinitionJson.ReadString(value, memberPath, "the routine's type name", _problems) is { } typeName)
                    {
                        descriptor = CatalogLookup.Find(typeName, out var problem);
                        if (descriptor is null)
                        {
                            _problems.Add($"{memberPath}: {problem}.");
                        }
                    }

                    break;
                case "stateVersion":
                    stateVersion = DefinitionJson.ReadInteger(value, memberPath, "the state version the config is written for", 1, _problems);
                    versionPath = memberPath;
                    break;
                default:
                    config = (value, memberPath);
                    break;
            }
        }

        if (!members.Exists(m => m.Name == "type"))
        {
            _problems.Add($"{typePath}: missing; name the routine's type, as registered in the RoutineCatalog, for example \"type\": \"Tokenizer\".");
        }

        if (descriptor is null)
        {
            return null;
        }

        if (!descriptor.CanCreateInstance)
        {
            _problems.Add(
                $"{typePath}: routine type '{descriptor.Name}' ({descriptor.RoutineType.FullName}) has no accessible parameterless constructor, so a flow " +
                "definition cannot create it. Add a public parameterless constructor, or add this routine in code with a factory instead.");
        }

        if (versionPath is not null && config is null)
        {
            _problems.Add($"{versionPath}: \"stateVersion\" says which state version \"config\" is written for, and this routine has no \"config\"; remove it.");
        }

        RoutineInitialState? initialState = null;
        if (config is { } given)
        {
            initialState = RoutineInitialState.Create(id, descriptor, given.Value, given.Path, stateVersion, versionPath ?? path, _problems, _flowId);
        }

        return _problems.Count == before ? new DefinedRoutine(id, descriptor, initialState) : null;
    }

    private void ReadConnections(JsonElement element, string path)
    {
        var seen = new Dictionary<(string, string), string>();
        foreach (var (item, itemPath) in DefinitionJson.ReadArray(element, path, "the connections", _problems) ?? new())
        {
            var members = DefinitionJson.ReadObject(item, itemPath, "a connection", ConnectionMembers, _problems);
            if (members is null)
            {
                continue;
            }

            var from = members.Find(m => m.Name == "from");
            var to = members.Find(m => m.Name == "to");
            var source = from.Name is null ? Missing(itemPath, "from", "the event, \"routineId.EventName\"") : Event(from.Value, from.Path);
            var target = to.Name is null ? Missing(itemPath, "to", "the slot, \"routineId.SlotName\"") : Slot(to.Value, to.Path);
            if (source is not { } s || target is not { } t)
            {
                continue;
            }

            var key = (s.Reference, t.Reference);
            if (seen.TryGetValue(key, out var firstPath))
            {
                _problems.Add($"{itemPath}: connects '{s.Reference}' to '{t.Reference}' again (as {firstPath} does); each message would be delivered twice. Remove one.");
                continue;
            }

            seen.Add(key, itemPath);
            var (eventType, slotType) = (s.PayloadType, t.PayloadType);
            if (eventType != slotType)
            {
                _problems.Add(
                    $"{itemPath}: cannot connect '{s.Reference}' ({TypeNames.Display(eventType)}) to '{t.Reference}' ({TypeNames.Display(slotType)}): " +
                    "the payload types differ. Connect an event to a slot of the same payload type.");
                continue;
            }

            _connections.Add((s.Reference, t.Reference));
        }
    }

    private void ReadEntries(JsonElement element, string path)
    {
        foreach (var (item, itemPath) in DefinitionJson.ReadArray(element, path, "the entry slots", _problems) ?? new())
        {
            _entriesListed++;
            if (Slot(item, itemPath) is { } slot && !_entries.Contains(slot.Reference, StringComparer.Ordinal))
            {
                _entries.Add(slot.Reference);
            }
        }
    }

    /// <summary>The checks that need the whole flow: an entry, and every slot fed by something.</summary>
    private void CheckComplete()
    {
        if (_entries.Count == 0)
        {
            // Entries were listed but none resolved: each one's own problem (or its routine's) is the one to fix.
            if (_entriesListed == 0 && !_problems.Exists(p => p.StartsWith("$.entries:", StringComparison.Ordinal)))
            {
                _problems.Add(
                    "$.entries: the flow has no entry slot, so no job can be started. List the slots jobs are posted to, for example " +
                    "\"entries\": [\"tok.Text\"].");
            }

            return;
        }

        // A slot that a broken connection meant to feed is not reported again: that connection's problem is the cause.
        if (_problems.Exists(p => p.StartsWith("$.connections", StringComparison.Ordinal)) || _unresolved.Count > 0)
        {
            return;
        }

        var fed = new HashSet<string>(_entries, StringComparer.Ordinal);
        fed.UnionWith(_connections.Select(c => c.To));
        foreach (var routine in _routinesInOrder)
        {
            foreach (var slot in routine.Descriptor.Slots)
            {
                var reference = $"{routine.Id}.{slot.Name}";
                if (!slot.Optional && !fed.Contains(reference))
                {
                    _problems.Add(
                        $"$.connections: slot '{reference}' is not connected and is not an entry, so its handler can never run. Connect an event to it, " +
                        "list it in \"entries\", or declare it [Slot(Optional = true)].");
                }
            }
        }
    }

    private FlowBuilder CreateBuilder()
    {
        Debug.Assert(_problems.Count == 0, "A builder is made only from a definition without problems.");
        var builder = new FlowBuilder(_flowId);
        var handles = new Dictionary<string, RoutineHandle>(StringComparer.Ordinal);
        foreach (var routine in _routinesInOrder)
        {
            handles.Add(routine.Id, new RoutineHandle(builder.AddByDescriptor(routine.Id, routine.Descriptor, routine.InitialState, where: null)));
        }

        foreach (var (from, to) in _connections)
        {
            builder.ConnectByName(from, to);
        }

        foreach (var entry in _entries)
        {
            builder.EntryByName(entry);
        }

        if (_flowPolicy is not null)
        {
            builder.OnError(_flowPolicy);
        }

        foreach (var (id, policy) in _routinePolicies)
        {
            builder.OnError(handles[id], policy);
        }

        foreach (var (slot, capacity, whenFull) in _slotPolicies)
        {
            if (capacity is { } c)
            {
                builder.SetCapacityByName(slot, c);
            }

            if (whenFull is { } w)
            {
                builder.SetQueuePolicyByName(slot, w);
            }
        }

        return builder;
    }

    /// <summary>A routine the definition names, resolved to its type.</summary>
    private sealed record DefinedRoutine(string Id, RoutineDescriptor Descriptor, RoutineInitialState? InitialState);
}
