using Routilux.Tests.Routines;

namespace Routilux.Tests;

/// <summary>
/// The steady-state hot path allocates nothing: emitting, delivering to the next routine, running its handler and
/// counting the message in and out of its job. Measured in bytes, not time, so it cannot flake on a busy machine.
/// </summary>
public class ZeroAllocationTests
{
    [Fact]
    public async Task A_warm_chain_with_value_type_payloads_allocates_nothing_per_message()
    {
        var flow = new FlowBuilder("zero-alloc-int");
        var probe = flow.Add<IntAllocationProbe>("probe");
        var first = flow.Add<AddOne>("first");
        var second = flow.Add<AddOne>("second");
        var tally = flow.Add<Tally<int>>("tally");
        flow.Connect(probe.Number(), first.In()).Connect(first.Out(), second.In()).Connect(second.Out(), tally.In());
        flow.Entry(probe.Run());

        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow.Build());
        var job = await worker.StartAsync(probe.Run(), 10_000);

        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        Assert.Equal(20_000, ((Tally<int>)worker.GetRoutine("tally")).Count);
        Assert.Equal(0, ((IntAllocationProbe)worker.GetRoutine("probe")).Allocated);
    }

    [Fact]
    public async Task A_warm_chain_with_reference_payloads_allocates_nothing_per_message()
    {
        var flow = new FlowBuilder("zero-alloc-string");
        var probe = flow.Add<StringAllocationProbe>("probe");
        var relay = flow.Add<StringRelay>("relay");
        var tally = flow.Add<Tally<string>>("tally");
        flow.Connect(probe.Word(), relay.In()).Connect(relay.Out(), tally.In());
        flow.Entry(probe.Run());

        await using var runtime = new Runtime();
        var worker = runtime.CreateWorker(flow.Build());
        var job = await worker.StartAsync(probe.Run(), 10_000);

        Assert.Equal(JobStatus.Completed, await job.Completion.Within());
        Assert.Equal(20_000, ((Tally<string>)worker.GetRoutine("tally")).Count);
        Assert.Equal(0, ((StringAllocationProbe)worker.GetRoutine("probe")).Allocated);
    }
}
