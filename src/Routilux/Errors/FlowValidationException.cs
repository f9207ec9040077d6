namespace Routilux;

/// <summary>A flow definition has problems. Lists every problem found, not only the first, so one build shows them all.</summary>
public sealed class FlowValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="flowId">The flow that failed validation.</param>
    /// <param name="problems">Every problem, each a sentence that says what is wrong and how to fix it.</param>
    public FlowValidationException(string flowId, IReadOnlyList<string> problems)
        : base(FormatMessage(flowId, problems))
    {
        FlowId = flowId;
        Problems = problems;
    }

    /// <summary>The flow that failed validation.</summary>
    public string FlowId { get; }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string FormatMessage(string flowId, IReadOnlyList<string> problems)
    {
        var noun = problems.Count == 1 ? "problem" : "problems";
        return $"Flow '{flowId}' is not valid ({problems.Count} {noun}):" + Environment.NewLine + "- " +
            string.Join(Environment.NewLine + "- ", problems);
    }
}
