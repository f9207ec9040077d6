using System.Collections.Concurrent;
using Routilux.Observability;

namespace Routilux;

/// <summary>
/// Hosts workers (live flow instances) and the jobs posted into them. Routines run on the .NET thread pool; the
/// runtime owns no threads or timers of its own. Dispose it to cancel everything, or
/// <see cref="DrainAsync"/> first to let running jobs finish.
/// </summary>
/// <example>
/// <code>
/// await using var runtime = new Runtime();
/// var worker = runtime.CreateWorker(flow);
/// var job = await worker.StartAsync(tokenizer.Text(), "to be or not to be");
/// JobStatus status = await job.Completion;
/// </code>
/// </example>
public sealed partial class Runtime : IAsyncDisposable, IDisposable
{
    private readonly ConcurrentDictionary<string, Worker> _workers = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _cancellation = new();
    private long _workerSequence;
    private int _disposed;

    /// <summary>Creates a runtime.</summary>
    /// <param name="options">Settings; the defaults when <see langword="null"/>.</param>
    public Runtime(RuntimeOptions? options = null)
    {
        Options = options ?? new RuntimeOptions();
        TimeProvider = Options.TimeProvider ?? TimeProvider.System;
        Loggers = new RuntimeLoggers(Options.LoggerFactory ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        Hooks = HookSet.Create(Options.Hooks, Loggers.Hooks);
    }

    /// <summary>The runtime's loggers, by category.</summary>
    internal RuntimeLoggers Loggers { get; }

    /// <summary>The registered hooks, or <see langword="null"/> when none is (every caller checks, and skips).</summary>
    internal HookSet? Hooks { get; }

    /// <summary>The settings the runtime was created with.</summary>
    public RuntimeOptions Options { get; }

    /// <summary>The clock used for delays and timeouts.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The workers created by this runtime and not yet removed.</summary>
    public IReadOnlyCollection<Worker> Workers => (IReadOnlyCollection<Worker>)_workers.Values;

    internal CancellationToken CancellationToken => _cancellation.Token;

    /// <summary>Creates a worker: a live instance of <paramref name="flow"/> with a new instance of each routine.</summary>
    /// <remarks>
    /// One method with an optional settings object (the Microsoft.Extensions shape), so <c>CreateWorker(flow)</c>,
    /// <c>CreateWorker(flow, null)</c> and <c>CreateWorker(flow, new WorkerOptions { Id = "w1" })</c> each bind to it
    /// without ambiguity.
    /// </remarks>
    /// <param name="flow">The flow to run.</param>
    /// <param name="options">
    /// The worker's settings (id, inactivity timeout, history size); the defaults when <see langword="null"/>, with an
    /// id made from the flow's.
    /// </param>
    /// <param name="cancellationToken">Cancels the worker and all its jobs.</param>
    /// <returns>The worker, ready for jobs.</returns>
    /// <exception cref="ArgumentException">A worker with the same id already exists, or a setting is out of range.</exception>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public Worker CreateWorker(Flow flow, WorkerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ThrowIfDisposed();
        options ??= new WorkerOptions();
        if (options.HistoryCapacity < WorkerOptions.MinimumHistoryCapacity)
        {
            throw new ArgumentException(
                $"WorkerOptions.HistoryCapacity is {options.HistoryCapacity} for flow '{flow.Id}'; it must be at least {WorkerOptions.MinimumHistoryCapacity}.", nameof(options));
        }

        if (options.InactivityTimeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"WorkerOptions.InactivityTimeout is {timeout} for flow '{flow.Id}'; it must be positive, or null for none.", nameof(options));
        }

        ValidateCheckpointOptions(flow, options);
        var workerId = options.Id;
        var id = workerId ?? $"{flow.Id}-w{Interlocked.Increment(ref _workerSequence)}";
        var worker = new Worker(this, flow, id, options, cancellationToken);
        if (!_workers.TryAdd(id, worker))
        {
            worker.DetachFromRuntime();
            throw new ArgumentException($"A worker with id '{id}' already exists in this runtime; choose another id or omit it.", nameof(options));
        }

        worker.Start();
        return worker;
    }

    private static void ValidateCheckpointOptions(Flow flow, WorkerOptions options)
    {
        if (options.CheckpointAfterRuns < 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), options.CheckpointAfterRuns, $"WorkerOptions.CheckpointAfterRuns is {options.CheckpointAfterRuns} for flow '{flow.Id}'; it must be positive, or 0 for none.");
        }

        if (options.CheckpointInterval is { } interval && interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), interval, $"WorkerOptions.CheckpointInterval is {interval} for flow '{flow.Id}'; it must be positive, or null for none.");
        }

        if ((options.CheckpointAfterRuns > 0 || options.CheckpointInterval is not null) && options.Store is null)
        {
            throw new ArgumentException(
                $"WorkerOptions for flow '{flow.Id}' schedule automatic checkpoints (CheckpointAfterRuns or CheckpointInterval) but set no Store to save them to. " +
                "Set WorkerOptions.Store (an InMemoryWorkerStore for tests, Routilux.Sqlite's SqliteWorkerStore for a file), or leave the schedule off.", nameof(options));
        }
    }

    /// <summary>Finds a worker by id.</summary>
    /// <returns>The worker, or <see langword="null"/>.</returns>
    public Worker? FindWorker(string workerId) => _workers.GetValueOrDefault(workerId);

    /// <summary>Cancels a worker and forgets it once its jobs have finished.</summary>
    /// <returns><see langword="true"/> when the worker existed.</returns>
    public async Task<bool> RemoveWorkerAsync(string workerId)
    {
        if (!_workers.TryRemove(workerId, out var worker))
        {
            return false;
        }

        worker.Cancel("The worker was removed from the runtime.");
        await worker.WhenIdleAsync().ConfigureAwait(false);
        worker.DetachFromRuntime();
        return true;
    }

    /// <summary>
    /// Waits until every job of every worker has finished, without cancelling anything. New jobs can still be
    /// started meanwhile and are waited for too.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting (it does not cancel the jobs).</param>
    public async Task DrainAsync(CancellationToken cancellationToken = default)
    {
        foreach (var worker in _workers.Values)
        {
            await worker.WhenIdleAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Cancels every worker and job, then waits until no handler of theirs is running. Posting afterwards throws
    /// <see cref="ObjectDisposedException"/>. Safe to call more than once.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _cancellation.Cancel();
        foreach (var worker in _workers.Values)
        {
            await worker.WhenIdleAsync().ConfigureAwait(false);
            worker.DetachFromRuntime();
        }

        _workers.Clear();
    }

    /// <summary>Synchronous <see cref="DisposeAsync"/>: cancels everything and blocks until no handler runs.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    internal void ThrowIfDisposed()
    {
        if (Volatile.Read(ref _disposed) == 1)
        {
            throw new ObjectDisposedException(nameof(Runtime), "This Routilux runtime has been disposed, so it runs no more jobs. Create a new Runtime.");
        }
    }
}
