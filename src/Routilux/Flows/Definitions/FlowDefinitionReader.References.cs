using System.Text.Json;

namespace Routilux;

// "routineId.PortName" references, resolved against the definition's routines. (The type's documentation is on
// FlowDefinitionReader.cs.)
internal sealed partial class FlowDefinitionReader
{
    private (string Reference, Type PayloadType)? Missing(string path, string member, string what)
    {
        _problems.Add($"{JsonPath.Member(path, member)}: missing; name {what}.");
        return null;
    }

    private (string Reference, Type PayloadType)? Event(JsonElement element, string path) =>
        DefinitionJson.ReadString(element, path, "an event reference \"routineId.EventName\"", _problems) is { } text ? Port(text, path, isSlot: false) : null;

    private (string Reference, Type PayloadType)? Slot(JsonElement element, string path) =>
        DefinitionJson.ReadString(element, path, "a slot reference \"routineId.SlotName\"", _problems) is { } text ? Port(text, path, isSlot: true) : null;

    private (string Reference, Type PayloadType)? Slot(string text, string path) => Port(text, path, isSlot: true);

    /// <summary>Resolves "routineId.PortName" to the routine's slot or event descriptor, or records why it cannot.</summary>
    private (string Reference, Type PayloadType)? Port(string text, string path, bool isSlot)
    {
        var kind = isSlot ? "slot" : "event";
        var dot = text.LastIndexOf('.');
        if (dot <= 0 || dot == text.Length - 1)
        {
            _problems.Add($"{path}: '{text}' is not a reference to {(isSlot ? "a slot" : "an event")}; write \"routineId.{(isSlot ? "SlotName" : "EventName")}\".");
            return null;
        }

        var (id, name) = (text[..dot], text[(dot + 1)..]);
        if (!_routines.TryGetValue(id, out var routine))
        {
            if (!_unresolved.Contains(id))
            {
                _problems.Add($"{path}: no routine '{id}' in this flow.{NameSuggestions.DidYouMean(id, _routines.Keys)} Its routines: {Known(_routines.Keys)}.");
            }

            return null;
        }

        var payloadType = isSlot ? routine.Descriptor.FindSlot(name)?.PayloadType : routine.Descriptor.FindEvent(name)?.PayloadType;
        if (payloadType is null)
        {
            var names = isSlot ? routine.Descriptor.Slots.Select(s => s.Name) : routine.Descriptor.Events.Select(e => e.Name);
            _problems.Add(
                $"{path}: routine '{id}' ({routine.Descriptor.Name}) has no {kind} '{name}'.{NameSuggestions.DidYouMean(name, names)} " +
                $"Its {kind}s: {Known(names)}.");
            return null;
        }

        return (text, payloadType);
    }

    private static string Known(IEnumerable<string> names)
    {
        var list = string.Join(", ", names);
        return list.Length == 0 ? "(none)" : list;
    }
}
