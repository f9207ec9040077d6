using Routilux.Tests.Routines;
using Routilux.Tests.Serialization;

namespace Routilux.Tests.Conditions;

/// <summary>A typed payload reaches a condition through its slot's generated serializer, with the names it writes.</summary>
public class ConditionPayloadTests
{
    [Fact]
    public void A_typed_payload_is_read_through_the_slot_serializer()
    {
        var slot = (SlotDescriptor<Settings>)SerializationHarness.Descriptor<ShapesRoutine>().FindSlot("Configure")!;
        var settings = new Settings { Name = "nightly", Retries = 5, Limits = [1, 2, 3] };

        var payload = ConditionPayload.ToJson(slot, settings);
        var names = string.Join(",", payload.EnumerateObject().Select(p => p.Name));

        Assert.True(
            BreakpointCondition.Parse("payload.Name == \"nightly\" and payload.Retries >= 5 and payload.Limits.length == 3").Evaluate(payload),
            $"the serializer wrote {names}");
        Assert.False(BreakpointCondition.Parse("payload.Mode != \"fast\"").Evaluate(payload));
    }

    [Fact]
    public void A_slot_without_a_serializer_says_to_use_a_typed_predicate()
    {
        var slot = new SlotDescriptor<Action>("Callback", 0, ["callback"], "", false, 10, QueueFullPolicy.Wait, ActivationPolicy.Immediate, 0, null);

        var error = Assert.Throws<InvalidOperationException>(() => ConditionPayload.ToJson(slot, () => { }));

        Assert.Contains("typed predicate", error.Message, StringComparison.Ordinal);
    }
}
