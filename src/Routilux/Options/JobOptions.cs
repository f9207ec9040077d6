namespace Routilux;

/// <summary>Settings of one <see cref="Job"/>.</summary>
public sealed class JobOptions
{
    /// <summary>The job's id, unique in its worker; generated when <see langword="null"/>.</summary>
    public string? Id { get; init; }

    /// <summary>
    /// Fails the job with a <see cref="TimeoutException"/> if it has not finished this long after it started.
    /// Other jobs of the worker are not affected. <see langword="null"/> (the default) never times out.
    /// </summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Values copied into <see cref="Job.Data"/> when the job starts.</summary>
    public IReadOnlyDictionary<string, object?>? Data { get; init; }
}
