using System.Text.Json;

namespace Routilux;

// "policies": the flow's error policy, routines' own error policies, and slots' capacities and queue policies.
// (The type's documentation is on FlowDefinitionReader.cs.)
internal sealed partial class FlowDefinitionReader
{
    private static readonly string[] PolicyMembers = { "onError", "routines", "slots" };
    private static readonly string[] RoutinePolicyMembers = { "onError" };
    private static readonly string[] SlotPolicyMembers = { "capacity", "whenFull" };

    /// <summary>The queue policies' names in the format; the writer writes the same names.</summary>
    internal static readonly (string Name, QueueFullPolicy Value)[] QueuePolicies =
    {
        ("wait", QueueFullPolicy.Wait), ("fail", QueueFullPolicy.Fail), ("dropOldest", QueueFullPolicy.DropOldest), ("dropNewest", QueueFullPolicy.DropNewest),
    };

    private void ReadPolicies(JsonElement element, string path)
    {
        var members = DefinitionJson.ReadObject(element, path, "the policies", PolicyMembers, _problems);
        foreach (var (name, value, memberPath) in members ?? new())
        {
            switch (name)
            {
                case "onError":
                    _flowPolicy = ErrorPolicyJson.Read(value, memberPath, _problems);
                    break;
                case "routines":
                    foreach (var (id, policies, routinePath) in DefinitionJson.ReadObject(value, memberPath, "the routine policies by routine id", allowed: null, _problems) ?? new())
                    {
                        ReadRoutinePolicies(id, policies, routinePath);
                    }

                    break;
                default:
                    foreach (var (slot, policies, slotPath) in DefinitionJson.ReadObject(value, memberPath, "the slot policies by \"routineId.SlotName\"", allowed: null, _problems) ?? new())
                    {
                        ReadSlotPolicies(slot, policies, slotPath);
                    }

                    break;
            }
        }
    }

    private void ReadRoutinePolicies(string id, JsonElement element, string path)
    {
        var known = _routines.ContainsKey(id);
        if (!known && !_unresolved.Contains(id))
        {
            _problems.Add($"{path}: no routine '{id}' in this flow.{NameSuggestions.DidYouMean(id, _routines.Keys)} Its routines: {Known(_routines.Keys)}.");
        }

        foreach (var (_, value, memberPath) in DefinitionJson.ReadObject(element, path, "a routine's policies", RoutinePolicyMembers, _problems) ?? new())
        {
            if (ErrorPolicyJson.Read(value, memberPath, _problems) is { } policy && known)
            {
                _routinePolicies.Add((id, policy));
            }
        }
    }

    private void ReadSlotPolicies(string reference, JsonElement element, string path)
    {
        var slot = Slot(reference, path);
        int? capacity = null;
        QueueFullPolicy? whenFull = null;
        foreach (var (name, value, memberPath) in DefinitionJson.ReadObject(element, path, "a slot's policies", SlotPolicyMembers, _problems) ?? new())
        {
            if (name == "capacity")
            {
                capacity = DefinitionJson.ReadInteger(value, memberPath, "the queue capacity", 1, _problems);
            }
            else
            {
                whenFull = DefinitionJson.ReadChoice(value, memberPath, "a queue policy", QueuePolicies, _problems);
            }
        }

        if (slot is not null)
        {
            _slotPolicies.Add((slot.Value.Reference, capacity, whenFull));
        }
    }
}
