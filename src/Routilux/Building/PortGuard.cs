namespace Routilux;

/// <summary>The error for a port that was default-initialized instead of taken from a routine handle.</summary>
internal static class PortGuard
{
    public static InvalidOperationException Default() =>
        new("This port was default-initialized. Take ports from the handle FlowBuilder.Add returns, for example tokenizer.Text().");
}
