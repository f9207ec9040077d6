using System.Text.Json;

namespace Routilux.Tests.Conditions;

/// <summary>
/// A breakpoint's condition is evaluated for every message that reaches its slot, so evaluating one must not
/// allocate: no boxing, no closures, and a payload string compared with a literal is not copied out of the JSON.
/// Measured on this thread only, so tests running in parallel do not disturb it.
/// </summary>
public class ConditionAllocationTests
{
    [Theory]
    [InlineData("payload.total > 100 and payload.customer.country == \"FR\"", true)]
    [InlineData("not (payload.items.length >= 3) or payload.gift || job.id == \"j1\" && attempt == 1", true)]
    [InlineData("payload.missing.deeper == null and payload.customer.country != 2", true)]
    [InlineData("payload.customer.country < 3", false)]
    public void Evaluating_a_warm_condition_allocates_nothing(string text, bool expected)
    {
        using var document = JsonDocument.Parse("""
            { "total": 150, "gift": false, "customer": { "country": "FR" }, "items": [1, 2, 3] }
            """);
        var context = new ConditionContext(document.RootElement) { JobId = "j1", Attempt = 1 };
        var condition = BreakpointCondition.Parse(text);
        Assert.Equal(expected, condition.Evaluate(context));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var answer = true;
        for (var i = 0; i < 100; i++)
        {
            answer &= condition.Evaluate(context) == expected;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(answer);
        Assert.Equal(0, allocated);
    }
}
