namespace Routilux.Tests;

/// <summary>Posting a whole job's input in tests.</summary>
internal static class WorkerPosting
{
    /// <summary>
    /// Opens a job, posts <paramref name="values"/> to <paramref name="entry"/> in order and completes its input. On a
    /// paused worker they all wait in the entry's queue.
    /// </summary>
    public static async Task<Job> PostJobAsync<T>(this Worker worker, SlotPort<T> entry, IEnumerable<T> values)
    {
        var job = worker.OpenJob();
        foreach (var value in values)
        {
            await job.PostAsync(entry, value);
        }

        job.CompleteInput();
        return job;
    }
}
