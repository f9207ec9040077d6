namespace Routilux.Tests.Model;

/// <summary>
/// The behaviour of one model routine instance, shared by all the model routine classes: it records each run into
/// the scenario's <see cref="ModelProbe"/>, checks what can only be checked from inside a handler, and decides by
/// <see cref="ModelHash"/> whether the run awaits, cancels its job or throws.
/// </summary>
public sealed class ModelNode
{
    private readonly ModelProbe _probe;
    private readonly NodeSpec _spec;
    private readonly PolicySpec _policy;
    private int _inside;

    internal ModelNode(ModelProbe probe, NodeSpec spec)
    {
        _probe = probe;
        _spec = spec;
        _policy = spec.EffectivePolicy(probe.Spec.FlowPolicy);
    }

    internal RunRecord Begin(RoutineContext context, string slot, params ModelToken[] inputs)
    {
        var workerId = context.Worker.Id;
        if (Interlocked.Increment(ref _inside) != 1)
        {
            _probe.Violate("overlap", $"{context.RoutineId} of worker {workerId} started a handler for job {context.Job.Id} while another of its handlers was running.");
        }

        if (context.Job.Completion.IsCompleted)
        {
            _probe.Violate("run-after-end", $"{context.RoutineId}.{slot} started for job {context.Job.Id} whose Completion had already completed ({context.Job.Completion.Result}).");
        }

        foreach (var token in inputs)
        {
            if (token.Job != context.Job.Id)
            {
                _probe.Violate("leak", $"{context.RoutineId}.{slot} got '{token.Path}' of job {token.Job} in the context of job {context.Job.Id}.");
            }
        }

        if (_spec.Kind == NodeKind.SmallBatch && inputs.Length > 3 || _spec.Kind == NodeKind.WideBatch && inputs.Length > 16)
        {
            _probe.Violate("batch-size", $"{context.RoutineId} got a batch of {inputs.Length}, more than its declared size.");
        }

        if (inputs.Length == 0)
        {
            _probe.Violate("batch-size", $"{context.RoutineId} got an empty batch for job {context.Job.Id}.");
        }

        var attempt = 1;
        if (_spec.Throws)
        {
            attempt = _probe.NextAttempt(workerId, context, inputs[0], slot, _policy);
        }
        else
        {
            for (var i = 0; i < inputs.Length; i++)
            {
                // Buffered routines never throw: every message runs once.
                _probe.NextAttempt(workerId, context, inputs[i], SlotOf(i, slot), null);
            }
        }

        return new RunRecord { WorkerId = workerId, RoutineId = context.RoutineId, JobId = context.Job.Id, Slot = slot, Inputs = inputs, Attempt = attempt };
    }

    internal void End(RunRecord run, RoutineContext context, string slot, Exception? error)
    {
        run.Error = error;
        if (context.Job.Completion.IsCompleted)
        {
            _probe.Violate("completed-while-running", $"{context.RoutineId}.{slot}: job {context.Job.Id}'s Completion completed ({context.Job.Completion.Result}) while its handler was still running.");
        }

        if (_spec.Throws)
        {
            _probe.EndAttempt(run.WorkerId, context, run.Inputs[0], slot, error is not null);
        }
        else
        {
            for (var i = 0; i < run.Inputs.Length; i++)
            {
                _probe.EndAttempt(run.WorkerId, context, run.Inputs[i], SlotOf(i, slot), threw: false);
            }
        }

        _probe.Runs.Enqueue(run);
        Interlocked.Decrement(ref _inside);
    }

    /// <summary>The slot the <paramref name="i"/>-th input came from: a join's are Left then Right.</summary>
    private string SlotOf(int i, string slot) => _spec.Kind != NodeKind.Join ? slot : i == 0 ? "Left" : "Right";

    /// <summary>The messages a relay emits for <paramref name="token"/>.</summary>
    /// <summary>
    /// A sync relay's handler, shared by the relay routines (they differ only in their error policy attribute):
    /// records the run, emits its copies through <paramref name="emit"/>, then may cancel its job (when
    /// <paramref name="mayCancel"/>) or throw.
    /// </summary>
    internal void RelaySync(RoutineContext context, ModelToken token, Action<ModelToken> emit, bool mayCancel)
    {
        var run = Begin(context, "In", token);
        Exception? error = null;
        try
        {
            foreach (var child in Children(run, token))
            {
                emit(child);
            }

            if (mayCancel)
            {
                CancelJobIfChosen(run, context);
            }

            ThrowIfChosen(run);
        }
        catch (Exception ex)
        {
            error = ex;
            throw;
        }
        finally
        {
            End(run, context, "In", error);
        }
    }

    /// <summary>A buffered routine's handler (batch, custom, interval): records the run and passes each item on.</summary>
    internal void PassOnBuffered(RoutineContext context, IReadOnlyList<ModelToken> tokens, Action<ModelToken> emit)
    {
        var run = Begin(context, "In", tokens.ToArray());
        foreach (var child in PassOn(run))
        {
            emit(child);
        }

        End(run, context, "In", null);
    }

    internal IEnumerable<ModelToken> Children(RunRecord run, ModelToken token)
    {
        for (var i = 0; i < _spec.Fanout; i++)
        {
            var child = token.Child(_spec.Id, i);
            run.Emitted.Add(child);
            yield return child;
        }
    }

    /// <summary>The messages a buffered routine emits for its batch: one per item.</summary>
    internal IEnumerable<ModelToken> PassOn(RunRecord run)
    {
        foreach (var token in run.Inputs)
        {
            var child = token.Child(_spec.Id, 0);
            run.Emitted.Add(child);
            yield return child;
        }
    }

    internal async ValueTask AwaitIfChosenAsync(RunRecord run, CancellationToken cancellationToken)
    {
        var token = run.Inputs[0];
        if (_spec.Gated && token.Hold)
        {
            await _probe.Gate.Task.WaitAsync(cancellationToken);
        }

        switch (ModelHash.AwaitKind(_spec.Id, token.Path, run.Attempt, _spec.AwaitPercent))
        {
            case 1:
                await Task.Yield();
                break;
            case 2:
                await Task.Delay(1, cancellationToken);
                break;
        }
    }

    /// <summary>Cancels the handler's own job when the hash says so; checks that the job cannot have completed while this handler runs.</summary>
    internal bool CancelJobIfChosen(RunRecord run, RoutineContext context)
    {
        if (!ModelHash.CancelsJob(_spec.Id, run.Inputs[0].Path, _spec.SelfCancelPercent))
        {
            return false;
        }

        run.CancelledItsJob = true;
        _probe.CancelledByHandler[context.Job.Id] = true;
        context.Job.Cancel("model: a handler cancelled its own job");
        CheckStillOpen(context, "right after it cancelled its own job");
        return true;
    }

    internal void CheckStillOpen(RoutineContext context, string when)
    {
        if (context.Job.Completion.IsCompleted)
        {
            _probe.Violate("completed-while-running", $"{context.RoutineId}: job {context.Job.Id}'s Completion completed {when}, while its handler was still running.");
        }
    }

    internal void ThrowIfChosen(RunRecord run)
    {
        if (ModelHash.Throws(_spec.Id, run.Inputs[0].Path, run.Attempt, _spec.FaultPercent))
        {
            throw new ModelFaultException(_spec.Id, run.Inputs[0].Path, run.Attempt);
        }
    }
}
