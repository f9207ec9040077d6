namespace Routilux;

/// <summary>The status of a <see cref="Job"/>.</summary>
public enum JobStatus
{
    /// <summary>The job has work queued or running, or still accepts input.</summary>
    Running = 0,

    /// <summary>All work descending from the job finished without an error that stopped it.</summary>
    Completed = 1,

    /// <summary>A handler failed under the Stop strategy (or the job was failed explicitly); see <see cref="Job.Error"/>.</summary>
    Failed = 2,

    /// <summary>The job, its worker or the runtime was cancelled.</summary>
    Cancelled = 3,
}
