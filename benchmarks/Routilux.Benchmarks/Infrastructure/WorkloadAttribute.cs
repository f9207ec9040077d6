using System.Reflection;
using BenchmarkDotNet.Running;

namespace Routilux.Benchmarks.Infrastructure;

/// <summary>Who a benchmark method measures, for the results table and its targets.</summary>
public enum Role
{
    /// <summary>Routilux itself.</summary>
    Routilux,

    /// <summary>Another library doing the same work (TPL Dataflow, Channels, Akka.NET).</summary>
    Peer,

    /// <summary>The lower bound (direct calls), not a real peer.</summary>
    Limit,
}

/// <summary>
/// Describes a benchmark's work: how many messages one invocation sends and what one reported operation is
/// (<c>OperationsPerInvoke</c> divides an invocation into hops or deliveries). Read by the B/msg column and written
/// next to BenchmarkDotNet's JSON report for <c>make-results-table.py</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class WorkloadAttribute : Attribute
{
    /// <summary>Describes a benchmark.</summary>
    /// <param name="messages">Messages one invocation sends (0 when it sends none, as building a flow).</param>
    /// <param name="per">What one reported operation is: "hop", "delivery", "round trip", "job", ...</param>
    /// <param name="role">Who the method measures.</param>
    public WorkloadAttribute(int messages, string per, Role role)
    {
        Messages = messages;
        Per = per;
        Role = role;
    }

    /// <summary>Messages one invocation sends.</summary>
    public int Messages { get; }

    /// <summary>What one reported operation is.</summary>
    public string Per { get; }

    /// <summary>Who the method measures.</summary>
    public Role Role { get; }

    /// <summary>The attribute of <paramref name="benchmarkCase"/>'s method, if any.</summary>
    public static WorkloadAttribute? Of(BenchmarkCase benchmarkCase) =>
        benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttribute<WorkloadAttribute>();
}
