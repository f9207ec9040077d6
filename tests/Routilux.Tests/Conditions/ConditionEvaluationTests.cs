using System.Text.Json;

namespace Routilux.Tests.Conditions;

/// <summary>Conditions the language accepts, each with the answer it gives on a sample order payload.</summary>
public class ConditionEvaluationTests
{
    private const string Order = """
        {
          "id": 42,
          "total": 149.5,
          "express": true,
          "gift": false,
          "note": null,
          "customer": { "name": "Ana \"A\" Lee", "country": "FR", "tier": 2, "address": { "city": "Lyon" } },
          "items": [ { "sku": "a" }, { "sku": "b" }, { "sku": "c" } ],
          "tags": [],
          "code": "caf\u00e9",
          "big": 1e400,
          "meta": { "length": 7 }
        }
        """;

    public static TheoryData<string, bool> Accepted => new()
    {
        // Comparisons of each kind.
        { "payload.id == 42", true },
        { "payload.id != 42", false },
        { "payload.total > 100", true },
        { "payload.total >= 149.5", true },
        { "payload.total < 149.5", false },
        { "payload.total <= 1.495e2", true },
        { "payload.id > -1", true },
        { "payload.id == 4.2E1", true },
        { "payload.customer.country == \"FR\"", true },
        { "payload.customer.name == \"Ana \\\"A\\\" Lee\"", true },
        { "payload.code == \"caf\\u00e9\"", true },
        { "payload.customer.country < \"GB\"", true },
        { "payload.customer.country >= \"fr\"", false },
        { "payload.customer.address.city == \"Lyon\"", true },
        { "payload.express == true", true },
        { "payload.gift == false", true },
        { "payload.note == null", true },
        { "payload.missing == null", true },
        { "payload.customer.missing.deeper == null", true },
        { "null == null", true },
        { "42 == payload.id", true },

        // Equality across kinds is false, never an error.
        { "payload.id == \"42\"", false },
        { "payload.id != \"42\"", true },
        { "payload.note == false", false },
        { "payload.express == 1", false },

        // .length on arrays and strings; on an object it is the member named length.
        { "payload.items.length == 3", true },
        { "payload.tags.length == 0", true },
        { "payload.customer.country.length == 2", true },
        { "payload.meta.length == 7", true },
        { "payload.items.length.more == null", true },

        // A bare bool path or literal is a condition.
        { "payload.express", true },
        { "payload.gift", false },
        { "true", true },
        { "false", false },

        // Logic, both spellings, precedence and parentheses.
        { "payload.express and payload.total > 100", true },
        { "payload.express && payload.gift", false },
        { "payload.gift or payload.id == 42", true },
        { "payload.gift || payload.id == 1", false },
        { "not payload.gift", true },
        { "!payload.express", false },
        { "!(payload.id == 1)", true },
        { "not not payload.express", true },
        { "true or true and false", true },
        { "(true or true) and false", false },
        { "not false and false", false },
        { "  payload.id\t==\n42  ", true },

        // Keywords are names after a dot.
        { "payload.not == null and payload.and == null", true },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Accepted_condition_gives_its_answer(string text, bool expected)
    {
        using var document = JsonDocument.Parse(Order);
        var condition = BreakpointCondition.Parse(text);

        Assert.Equal(expected, condition.Evaluate(new ConditionContext(document.RootElement), out var problem));
        Assert.Null(problem);
        Assert.Equal(text, condition.Text);
    }

    [Theory]
    [InlineData("true or true and false", "(true or (true and false))")]
    [InlineData("not a_b", null)]
    [InlineData("!payload.a == 1 && payload.b", "((not payload.a == 1) and payload.b)")]
    [InlineData("payload.a or payload.b or payload.c", "((payload.a or payload.b) or payload.c)")]
    [InlineData("(payload.x == -2.5)", "payload.x == -2.5")]
    public void Precedence_is_not_then_and_then_or_all_left_associative(string text, string? canonical)
    {
        if (canonical is null)
        {
            Assert.False(BreakpointCondition.TryParse(text, out _, out _));
            return;
        }

        Assert.Equal(canonical, BreakpointCondition.Parse(text).Canonical);
    }

    public static TheoryData<string, string> Undecidable => new()
    {
        { "payload.customer.name < 3", "orders a string against a number" },
        { "payload.note > 1", "orders null against a number" },
        { "payload.missing >= 0", "orders null against a number" },
        { "payload.express < true", "orders a bool against a bool" },
        { "payload.customer == null", "compares an object" },
        { "payload.items != 3", "compares an array" },
        { "payload.id", "payload.id is a number, not a bool" },
        { "payload.missing", "payload.missing is null, not a bool" },
        { "payload.big == 1", "out of a double's range" },
    };

    [Theory]
    [MemberData(nameof(Undecidable))]
    public void A_comparison_that_cannot_be_made_makes_the_condition_false_and_says_why(string text, string reason)
    {
        using var document = JsonDocument.Parse(Order);
        var condition = BreakpointCondition.Parse(text);

        Assert.False(condition.Evaluate(new ConditionContext(document.RootElement), out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
        Assert.False(condition.Evaluate(document.RootElement));
    }

    [Fact]
    public void A_problem_under_not_still_makes_the_condition_false()
    {
        using var document = JsonDocument.Parse(Order);
        var context = new ConditionContext(document.RootElement);

        Assert.False(BreakpointCondition.Parse("not (payload.customer.name < 3)").Evaluate(context, out var problem));
        Assert.NotNull(problem);

        // Short-circuit: the right side is never read, so it cannot spoil the answer.
        Assert.True(BreakpointCondition.Parse("payload.express or payload.name < 3").Evaluate(context, out problem));
        Assert.Null(problem);
        Assert.False(BreakpointCondition.Parse("payload.gift and payload.name < 3").Evaluate(context, out problem));
        Assert.Null(problem);
    }

    [Fact]
    public void Context_names_read_the_job_worker_routine_slot_and_attempt()
    {
        using var document = JsonDocument.Parse("{}");
        var context = new ConditionContext(document.RootElement)
        {
            JobId = "job-7", WorkerId = "w1", RoutineId = "pricer", SlotName = "In", Attempt = 2,
        };

        var condition = BreakpointCondition.Parse(
            "job.id == \"job-7\" and worker == \"w1\" and routine == \"pricer\" and slot == \"In\" and attempt > 1");

        Assert.True(condition.Evaluate(context));
        Assert.True(BreakpointCondition.Parse("job.id == null and routine == null").Evaluate(document.RootElement));
    }

    [Fact]
    public void A_scalar_or_absent_payload_is_read_as_itself()
    {
        using var number = JsonDocument.Parse("7");
        using var text = JsonDocument.Parse("\"hello\"");

        Assert.True(BreakpointCondition.Parse("payload == 7 and payload.x == null").Evaluate(number.RootElement));
        Assert.True(BreakpointCondition.Parse("payload.length == 5").Evaluate(text.RootElement));
        Assert.True(BreakpointCondition.Parse("payload == null").Evaluate(default(JsonElement)));
    }

    [Fact]
    public void A_parsed_condition_is_shared_by_threads()
    {
        using var document = JsonDocument.Parse(Order);
        var root = document.RootElement;
        var condition = BreakpointCondition.Parse("payload.items.length == 3 and payload.customer.country == \"FR\"");

        var answers = new bool[8];
        Parallel.For(0, answers.Length, i => answers[i] = Enumerable.Range(0, 1000).All(_ => condition.Evaluate(root)));

        Assert.All(answers, Assert.True);
    }
}
