namespace Routilux.Tests.Model;

// The routine classes the model test combines. Routines are compile-time classes, so a scenario's randomness is in
// which of these it combines, how it connects them, and the ModelNode each instance is given. Relays take one message
// and emit ModelNode.Fanout copies; buffered routines emit one message per item; joins and sinks emit nothing.

/// <summary>A sync relay: emits its copies, then may cancel its job or throw (Continue keeps what it emitted).</summary>
[Routine]
public partial class ModelRelay
{
    private readonly ModelNode _node;

    public ModelRelay(ModelNode node) => _node = node;

    [Slot]
    public void In(ModelToken token, RoutineContext context) => _node.RelaySync(context, token, Out, mayCancel: true);

    [Emits]
    public partial void Out(ModelToken token);
}

/// <summary>An async relay: may await (a yield, a delay, or the scenario's gate), cancel its job, or throw before it emits with async emits.</summary>
[Routine]
public partial class ModelAsyncRelay
{
    private readonly ModelNode _node;

    public ModelAsyncRelay(ModelNode node) => _node = node;

    [Slot]
    public async ValueTask In(ModelToken token, RoutineContext context, CancellationToken cancellationToken)
    {
        var run = _node.Begin(context, "In", token);
        Exception? error = null;
        try
        {
            await _node.AwaitIfChosenAsync(run, cancellationToken);
            if (_node.CancelJobIfChosen(run, context))
            {
                await Task.Yield();
                _node.CheckStillOpen(context, "after a yield that followed cancelling its own job");
            }

            _node.ThrowIfChosen(run);
            foreach (var child in _node.Children(run, token))
            {
                await Out(child);
            }
        }
        catch (Exception ex)
        {
            error = ex;
            throw;
        }
        finally
        {
            _node.End(run, context, "In", error);
        }
    }

    [Emits]
    public partial ValueTask Out(ModelToken token);
}

/// <summary>A sync relay that retries twice, then skips, by its attribute.</summary>
[Routine, OnError(ErrorStrategy.Retry, MaxRetries = 2, DelayMilliseconds = 1, Fallback = ErrorStrategy.Skip)]
public partial class ModelRetryRelay
{
    private readonly ModelNode _node;

    public ModelRetryRelay(ModelNode node) => _node = node;

    [Slot]
    public void In(ModelToken token, RoutineContext context) => _node.RelaySync(context, token, Out, mayCancel: false);

    [Emits]
    public partial void Out(ModelToken token);
}

/// <summary>A sync relay that goes on after an error, by its attribute.</summary>
[Routine, OnError(ErrorStrategy.Continue)]
public partial class ModelContinueRelay
{
    private readonly ModelNode _node;

    public ModelContinueRelay(ModelNode node) => _node = node;

    [Slot]
    public void In(ModelToken token, RoutineContext context) => _node.RelaySync(context, token, Out, mayCancel: false);

    [Emits]
    public partial void Out(ModelToken token);
}

/// <summary>Batches of three, or fewer after 15 ms.</summary>
[Routine]
public partial class ModelSmallBatch
{
    private readonly ModelNode _node;

    public ModelSmallBatch(ModelNode node) => _node = node;

    [Slot, Batch(3, MaxWaitMilliseconds = 15)]
    public void In(IReadOnlyList<ModelToken> tokens, RoutineContext context) => _node.PassOnBuffered(context, tokens, Out);

    [Emits]
    public partial void Out(ModelToken token);
}

/// <summary>Batches of sixteen, or fewer after 200 ms (issue 17's bug 1 shape).</summary>
[Routine]
public partial class ModelWideBatch
{
    private readonly ModelNode _node;

    public ModelWideBatch(ModelNode node) => _node = node;

    [Slot, Batch(16, MaxWaitMilliseconds = 200)]
    public void In(IReadOnlyList<ModelToken> tokens, RoutineContext context) => _node.PassOnBuffered(context, tokens, Out);

    [Emits]
    public partial void Out(ModelToken token);
}

/// <summary>Runs when three messages are buffered (the rest when the job has nothing else to do).</summary>
[Routine]
public partial class ModelCustom
{
    private readonly ModelNode _node;

    public ModelCustom(ModelNode node) => _node = node;

    [Slot, ActivateWhen(nameof(HasThree))]
    public void In(IReadOnlyList<ModelToken> tokens, RoutineContext context) => _node.PassOnBuffered(context, tokens, Out);

    [Emits]
    public partial void Out(ModelToken token);

    private static bool HasThree(ActivationState state) => state.Buffered >= 3;
}

/// <summary>Runs at most once every 10 ms with everything since its last run.</summary>
[Routine]
public partial class ModelInterval
{
    private readonly ModelNode _node;

    public ModelInterval(ModelNode node) => _node = node;

    [Slot, Interval(10)]
    public void In(IReadOnlyList<ModelToken> tokens, RoutineContext context) => _node.PassOnBuffered(context, tokens, Out);

    [Emits]
    public partial void Out(ModelToken token);
}

/// <summary>Pairs one message from Left with one from Right; emits nothing.</summary>
[Routine]
public partial class ModelJoin
{
    private readonly ModelNode _node;

    public ModelJoin(ModelNode node) => _node = node;

    [Join]
    public void Pair(ModelToken left, ModelToken right, RoutineContext context)
    {
        var run = _node.Begin(context, "Pair", left, right);
        _node.End(run, context, "Pair", null);
    }
}

/// <summary>Records what it gets.</summary>
[Routine]
public partial class ModelSink
{
    private readonly ModelNode _node;

    public ModelSink(ModelNode node) => _node = node;

    [Slot]
    public void In(ModelToken token, RoutineContext context)
    {
        var run = _node.Begin(context, "In", token);
        _node.End(run, context, "In", null);
    }
}
