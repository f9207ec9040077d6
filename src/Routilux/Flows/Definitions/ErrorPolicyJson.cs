using System.Text.Json;

namespace Routilux;

/// <summary>
/// An <see cref="ErrorPolicy"/> in a flow definition. Stop, Continue and Skip are a string (<c>"skip"</c>); a retry is
/// an object: <c>{"strategy": "retry", "maxRetries": 3, "delayMs": 100, "backoff": 2, "maxDelayMs": 5000, "then": "skip"}</c>
/// (maxRetries required; delayMs 0, backoff 2 and then "stop" by default; maxDelayMs optional). Exception types to
/// retry on (<see cref="ErrorPolicy.RetryOn"/>) are not part of the format: naming a type from JSON needs reflection,
/// which trimmed and AOT builds do not have.
/// </summary>
internal static class ErrorPolicyJson
{
    private static readonly string[] RetryMembers = { "strategy", "maxRetries", "delayMs", "backoff", "maxDelayMs", "then" };
    private static readonly string[] PlainMembers = { "strategy" };

    private static readonly (string Name, ErrorStrategy Value)[] Strategies =
    {
        ("stop", ErrorStrategy.Stop), ("continue", ErrorStrategy.Continue), ("skip", ErrorStrategy.Skip), ("retry", ErrorStrategy.Retry),
    };

    private static readonly (string Name, ErrorStrategy Value)[] Fallbacks =
    {
        ("stop", ErrorStrategy.Stop), ("continue", ErrorStrategy.Continue), ("skip", ErrorStrategy.Skip),
    };

    /// <summary>The policy at <paramref name="path"/>, or null with the problems recorded.</summary>
    public static ErrorPolicy? Read(JsonElement element, string path, List<string> problems)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            var strategy = DefinitionJson.ReadChoice(element, path, "an error strategy", Strategies, problems);
            if (strategy == ErrorStrategy.Retry)
            {
                problems.Add($"{path}: a retry needs its settings; write {{\"strategy\": \"retry\", \"maxRetries\": 3, \"delayMs\": 100}}.");
                return null;
            }

            return strategy is { } plain ? Plain(plain) : null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{path}: expected an error policy (\"stop\", \"continue\", \"skip\" or a retry object), found {DefinitionJson.Describe(element)}.");
            return null;
        }

        var isRetry = element.TryGetProperty("strategy", out var named) && named.ValueKind == JsonValueKind.String &&
            string.Equals(named.GetString(), "retry", StringComparison.OrdinalIgnoreCase);
        var members = DefinitionJson.ReadObject(element, path, isRetry ? "a retry policy" : "an error policy", isRetry ? RetryMembers : PlainMembers, problems);
        if (members is null)
        {
            return null;
        }

        var before = problems.Count;
        ErrorStrategy? chosen = null;
        int? maxRetries = null;
        double delayMs = 0, backoff = 2;
        double? maxDelayMs = null;
        ErrorStrategy? then = null;
        foreach (var (name, value, memberPath) in members)
        {
            switch (name)
            {
                case "strategy":
                    chosen = DefinitionJson.ReadChoice(value, memberPath, "an error strategy", Strategies, problems);
                    break;
                case "maxRetries":
                    maxRetries = DefinitionJson.ReadInteger(value, memberPath, "the number of retries", 0, problems);
                    break;
                case "delayMs":
                    delayMs = DefinitionJson.ReadNumber(value, memberPath, "the delay before the first retry in milliseconds", 0, problems) ?? 0;
                    break;
                case "backoff":
                    backoff = DefinitionJson.ReadNumber(value, memberPath, "the backoff factor", 1, problems) ?? 2;
                    break;
                case "maxDelayMs":
                    maxDelayMs = DefinitionJson.ReadNumber(value, memberPath, "the longest delay in milliseconds", 0, problems);
                    break;
                default:
                    then = DefinitionJson.ReadChoice(value, memberPath, "what applies after the last retry", Fallbacks, problems);
                    break;
            }
        }

        if (chosen is null)
        {
            if (problems.Count == before)
            {
                problems.Add($"{path}: an error policy object needs \"strategy\" (\"stop\", \"continue\", \"skip\" or \"retry\").");
            }

            return null;
        }

        if (chosen != ErrorStrategy.Retry)
        {
            return problems.Count == before ? Plain(chosen.Value) : null;
        }

        if (maxRetries is null && problems.Count == before)
        {
            problems.Add($"{path}: a retry policy needs \"maxRetries\", the number of retries after the first run (0 or more).");
        }

        if (maxDelayMs is { } max && max < delayMs)
        {
            problems.Add(string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"{JsonPath.Member(path, "maxDelayMs")}: the longest delay ({max} ms) is shorter than the first delay ({delayMs} ms); make it at least {delayMs}."));
        }

        var delay = Milliseconds(delayMs, JsonPath.Member(path, "delayMs"), problems);
        var maxDelay = maxDelayMs is { } m ? Milliseconds(m, JsonPath.Member(path, "maxDelayMs"), problems) : null;
        if (problems.Count != before || maxRetries is null || delay is null)
        {
            return null;
        }

        return ErrorPolicy.Retry(maxRetries.Value, delay.Value, backoff, maxDelay, retryOn: null, then is { } t ? Plain(t) : null);
    }

    /// <summary>Writes <paramref name="policy"/> in the shape <see cref="Read"/> reads.</summary>
    /// <exception cref="InvalidOperationException">The policy retries on given exception types, which the format cannot name.</exception>
    public static void Write(Utf8JsonWriter json, string propertyName, ErrorPolicy policy, string owner)
    {
        if (policy.Strategy != ErrorStrategy.Retry)
        {
            json.WriteString(propertyName, Name(policy.Strategy));
            return;
        }

        if (policy.RetryOn.Count > 0)
        {
            throw new InvalidOperationException(
                $"{owner} retries only on {string.Join(", ", policy.RetryOn.Select(t => t.Name))}, and a flow definition cannot name exception types " +
                "(reading them back would need reflection). Set that policy in code after loading the definition (FlowDefinition.LoadBuilder, then " +
                "FlowBuilder.OnError), or retry on any exception.");
        }

        json.WriteStartObject(propertyName);
        json.WriteString("strategy", "retry");
        json.WriteNumber("maxRetries", policy.MaxRetries);
        json.WriteNumber("delayMs", policy.Delay.TotalMilliseconds);
        json.WriteNumber("backoff", policy.BackoffFactor);
        if (policy.MaxDelay is { } max)
        {
            json.WriteNumber("maxDelayMs", max.TotalMilliseconds);
        }

        if (policy.Fallback is { } fallback)
        {
            json.WriteString("then", Name(fallback.Strategy));
        }

        json.WriteEndObject();
    }

    /// <summary>The shared instance of a strategy without settings.</summary>
    private static ErrorPolicy Plain(ErrorStrategy strategy) => strategy switch
    {
        ErrorStrategy.Continue => ErrorPolicy.Continue,
        ErrorStrategy.Skip => ErrorPolicy.Skip,
        _ => ErrorPolicy.Stop,
    };

    private static string Name(ErrorStrategy strategy) => Array.Find(Strategies, s => s.Value == strategy).Name;

    /// <summary>
    /// A span of milliseconds, rounded to the tick: the writer prints a span's exact TotalMilliseconds, so rounding
    /// here gives back the very same span (a round trip is exact).
    /// </summary>
    private static TimeSpan? Milliseconds(double milliseconds, string path, List<string> problems)
    {
        var ticks = Math.Round(milliseconds * TimeSpan.TicksPerMillisecond);
        if (ticks >= TimeSpan.MaxValue.Ticks)
        {
            problems.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{path}: {milliseconds} ms is longer than the longest time span; use a smaller number."));
            return null;
        }

        return TimeSpan.FromTicks((long)ticks);
    }
}
