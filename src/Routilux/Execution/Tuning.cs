namespace Routilux.Execution;

/// <summary>
/// Every tuning constant of the engine, in one place: what it trades and how its value was measured. None of them
/// is a correctness rule (the concurrency contract holds for any positive value), so each can be changed on its own
/// and checked with the benchmarks (benchmarks/README.md) and the model test.
/// </summary>
/// <remarks>
/// "Measured" means: on the 2-vCPU benchmark VM (AMD EPYC, .NET 10), A and B interleaved in separate processes,
/// because that machine's figures move from process to process; the benchmark chain is 10 stages, 1M messages.
/// A value fitted to one machine is marked so; the rest are bounds (stack depth, fairness) with margin on any machine.
/// </remarks>
internal static class Tuning
{
    // ---- Fairness and stack depth -------------------------------------------------------------------------------

    /// <summary>
    /// Messages a cell handles per thread-pool turn before it gives its thread back, so one busy routine cannot
    /// starve the others. A turn that ends goes to the back of the pool's global queue, behind whatever else waits
    /// there: shorter turns leave more of the machine to other work on the pool, longer ones let a consumer fed by many
    /// producers (fan-in 8 -> 1) drain its queue in longer bursts instead of waiting behind the producers it just woke.
    /// Measured in interleaved processes (medians of 8 to 12 processes; this machine's figures swing by up to 2x from
    /// one process to the next): fan-in at 256, 512 and 1024 took about 1.25, 1.05 and 1.0-1.3 times Dataflow's time;
    /// the co-located scenario's CPU-bound workload kept 0.65, 0.52-0.55 and 0.44 of its throughput alone, against a
    /// fair share of 0.50. 512 keeps the workload at its fair share and most of fan-in's gain; the 10-stage stream did
    /// not move between 256 and 1024 (0.70 against 0.69 times Dataflow, 6 processes each).
    /// </summary>
    public const int MessagesPerTurn = 512;

    /// <summary>
    /// How deep fused dispatch nests handler calls on one thread. A bound, not a fit: 32 frames of a few hundred
    /// bytes each is far from any stack limit, and deeper chains still run, through the queue past this depth.
    /// </summary>
    public const int MaxInlineDepth = 32;

    /// <summary>
    /// The most counts a handler run takes from its job at once for the messages it emits (see RoutineCell.CountEmit).
    /// A run takes 1, then 2, 4, ... up to this, so a handler that emits once takes exactly what it uses, and a source
    /// emitting thousands writes its job's shared counter once per 32 messages instead of once per message; what it
    /// did not use goes back when the run ends. A bound more than a fit: the write it saves is an interlocked one on a
    /// cache line every producer of the job shares (on fan-in 8 -> 1, one of the producer's three such writes).
    /// </summary>
    public const int MaxCountsTakenAhead = 32;

    // ---- Batches ------------------------------------------------------------------------------------------------

    /// <summary>
    /// The most queued messages of one job a turn gathers into one batch. Enough to amortize a batch's claim,
    /// release and pass-on (measured: 7 ns a hop in batches of 64 against 17.5 one message at a time), few enough
    /// that a batch stays in the core's cache and the next routine starts soon.
    /// </summary>
    public const int MaxGathered = 64;

    /// <summary>
    /// A stream's batch worth taking at once: with fewer of the stream's messages queued, the head of a segment
    /// pauses for <see cref="PauseForBatchSpins"/> first (see RoutineCell.LetBatchGrow).
    /// </summary>
    public const int FullBatch = 32;

    /// <summary>
    /// The pause that lets a small batch grow: <see cref="Thread.SpinWait(int)"/> iterations, about a microsecond on
    /// the benchmark VM (about twenty messages of a stream fed one at a time). One of the engine's two spins (the other
    /// is <see cref="StreamSpinPause"/>), and bounded to that microsecond: a consumer that looks at the queue as soon
    /// as it has caught up pulls the producer's cache line away for every message (measured on a two-thread ring: 100
    /// to 340 ns a message against 45 to 50 with the pause). Fitted to that machine; a faster core spins for less.
    /// </summary>
    public const int PauseForBatchSpins = 40;

    // ---- Streams and their cuts ---------------------------------------------------------------------------------

    /// <summary>
    /// Deliveries in one turn or handler run after which a routine counts as streaming. Low enough that a stream is
    /// spread over the cores almost at once, high enough that a job of a few messages keeps the whole chain on its
    /// caller's thread (the latency benchmark: one message through 10 stages).
    /// </summary>
    public const int StreamingAfter = 8;

    /// <summary>
    /// How many times the routine behind a cut, its stream run dry, looks again on its own thread before giving the
    /// thread back (see RoutineCell.WaitForStream), each look after a pause of <see cref="StreamSpinPause"/>.
    /// </summary>
    public const int StreamSpinLooks = 2;

    /// <summary>
    /// The pause before each of those looks: <see cref="Thread.SpinWait(int)"/> iterations, about 2 microseconds on
    /// the benchmark VM (so at most about 5 in all, the gap between a running stream's messages). A bound rather than
    /// a fit: the engine never spins longer than a few microseconds.
    /// </summary>
    public const int StreamSpinPause = 100;

    /// <summary>
    /// How many times that routine then re-queues itself on the pool (still claimed) to look again, before it goes
    /// idle. Each look runs after whatever else waits in the pool's global queue, so it costs nothing while the pool has
    /// other work; with none, the looks span about as long as a pool thread's wake-up, which going idle and being
    /// scheduled again would cost the stream's next message.
    /// </summary>
    public const int StreamLooksByWorkItem = 32;

    /// <summary>The fewest routines a segment behind a cut runs: below this a hand-off costs more than it spreads.</summary>
    public const int MinimumSegment = 4;

    /// <summary>
    /// What a routine fed one message at a time costs, in routines run in batches. Sets how short the first segment of
    /// a cut chain is: at 7, an 11-routine stream on two cores is cut right after its source. Batches share the
    /// history's clock readings (one per batch) while a routine fed one at a time reads the clock for each message, so
    /// the gap grew once batches were timed together. Measured on the 10-stage benchmark chain, 4 processes each,
    /// interleaved: the old 2.5 (source and two stages before the cut) against 7 (source alone): 0.60-0.70 against
    /// 0.24-0.43 times Dataflow's time per hop with the defaults, 0.31-0.34 against 0.19-0.36 with the history off;
    /// 4.5 (source and one stage) measured 0.38-0.49 and 0.25-0.34.
    /// </summary>
    public const double FedOneByOneCost = 7;

    // ---- Queues -------------------------------------------------------------------------------------------------

    /// <summary>
    /// Producers waiting for room in a full queue are woken when it has drained by this fraction of its capacity
    /// (a quarter): each then refills a quarter in one go, instead of the whole crowd waking for every free place.
    /// A routine inside a stream's segment wakes them only when empty (see SlotQueue.WakeProducersWhenEmpty).
    /// Measured with the lock-free ring, fan-in 8 -> 1 (--short, A and B interleaved, 3 runs each): a half (2) ran at
    /// 2.7 to 5.1 times Dataflow's time against 2.6 to 5.1 for a quarter; no difference the machine could show.
    /// </summary>
    public const int LowWaterDivisor = 4;

    /// <summary>
    /// The most places a consumer looks at in one look for messages published since its last (see
    /// SlotQueue.LookAtTail): the queue has no published tail to read, so the consumer reads the places' sequences,
    /// which it reads anyway to take them. A bound, not a fit: enough for a full batch (<see cref="MaxGathered"/>)
    /// and for <see cref="FullBatch"/>'s test, few enough that a look at a full queue of thousands stays short.
    /// </summary>
    public const int PlacesPerLook = 128;

    /// <summary>
    /// The distance that keeps two fields off each other's cache lines: 128 bytes, not 64, because x64 and Arm64
    /// prefetch cache lines in pairs (the value System.Threading.Channels and ConcurrentQueue pad to).
    /// </summary>
    public const int CacheLineSpacing = 128;
}
