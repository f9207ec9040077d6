using System.Threading.Tasks;
using Routilux.Analyzers.Policies;
using Routilux.Analyzers.Tests.Infrastructure;
using Xunit;

namespace Routilux.Analyzers.Tests.Policies;

/// <summary>Policies created in code with literal arguments (RTLX9005), reported at the argument.</summary>
public sealed class PolicyInvocationTests
{
    [Theory]
    [InlineData("ErrorPolicy.Retry({|RTLX9005:-1|}, TimeSpan.Zero)")]
    [InlineData("ErrorPolicy.Retry(3, {|RTLX9005:TimeSpan.FromMilliseconds(-5)|})")]
    [InlineData("ErrorPolicy.Retry(3, TimeSpan.FromSeconds(1), {|RTLX9005:backoffFactor: 0.5|})")]
    [InlineData("ErrorPolicy.Retry(3, TimeSpan.FromSeconds(1), {|RTLX9005:double.NaN|})")]
    [InlineData("ErrorPolicy.Retry(3, TimeSpan.Zero, {|RTLX9005:then: ErrorPolicy.Retry(1, TimeSpan.Zero)|})")]
    [InlineData("ActivationPolicy.Batch({|RTLX9005:0|})")]
    [InlineData("ActivationPolicy.Batch(10, {|RTLX9005:TimeSpan.Zero|})")]
    [InlineData("ActivationPolicy.Interval({|RTLX9005:TimeSpan.FromMilliseconds(0)|})")]
    [InlineData("ActivationPolicy.Interval({|RTLX9005:new TimeSpan(-1)|})")]
    public Task Invalid_literal_argument_is_reported(string expression) =>
        Verify.Analyzer<PolicyInvocationAnalyzer>(Verify.Usings + "public static class Policies { public static object Make() => " + expression + "; }");

    [Fact]
    public Task Invalid_capacity_is_reported() =>
        Verify.Analyzer<PolicyInvocationAnalyzer>(Verify.Usings + """
            namespace Demo
            {
                [Routine] public partial class Sink { [Slot] public void In(int x) { } }
            }

            public static class Wiring
            {
                public static void Configure(FlowBuilder flow, RoutineHandle<Demo.Sink> sink) =>
                    flow.SetCapacity(Demo.SinkPorts.In(sink), {|RTLX9005:0|});
            }
            """);

    [Fact]
    public Task Valid_or_unknown_arguments_are_not_reported() =>
        Verify.Analyzer<PolicyInvocationAnalyzer>(Verify.Usings + """
            public static class Policies
            {
                public static object[] Make(int retries, TimeSpan delay) => new object[]
                {
                    ErrorPolicy.Retry(0, TimeSpan.Zero, 1),
                    ErrorPolicy.Retry(retries, delay, backoffFactor: 3, then: ErrorPolicy.Skip),
                    ErrorPolicy.Retry(3, TimeSpan.FromMilliseconds(100), maxDelay: TimeSpan.FromSeconds(5)),
                    ActivationPolicy.Batch(1),
                    ActivationPolicy.Batch(10, null),
                    ActivationPolicy.Batch(10, TimeSpan.FromMilliseconds(50)),
                    ActivationPolicy.Interval(delay),
                    ActivationPolicy.Interval(TimeSpan.FromSeconds(1)),
                };
            }
            """);
}
