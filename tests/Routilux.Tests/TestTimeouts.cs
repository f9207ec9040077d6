namespace Routilux.Tests;

/// <summary>Waits that fail a test instead of hanging it. Generous: they bound a broken test, they time nothing.</summary>
internal static class TestTimeouts
{
    public static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Generous);

    public static Task Within(this Task task) => task.WaitAsync(Generous);

    /// <summary>Disposes <paramref name="runtime"/>, failing the test if that does not end: a test where it might hang uses this instead of <c>await using</c>.</summary>
    public static Task DisposeWithin(this Runtime runtime) => runtime.DisposeAsync().AsTask().Within();
}
