namespace Routilux;

/// <summary>When a slot's handler runs. See docs/activation.md.</summary>
public enum ActivationKind
{
    /// <summary>For every message, one at a time (the default).</summary>
    Immediate = 0,

    /// <summary>For a batch of a fixed size, or a partial batch after a maximum wait or when the job has nothing else to do.</summary>
    Batch = 1,

    /// <summary>At most once per period, with everything that arrived since the last run.</summary>
    Interval = 2,

    /// <summary>When a predicate over the slot's buffered messages says so (and when the job has nothing else to do).</summary>
    Custom = 3,

    /// <summary>A join: when every slot of a <see cref="JoinAttribute"/> method holds a message, once per set, in order.</summary>
    AllSlotsReady = 4,
}
