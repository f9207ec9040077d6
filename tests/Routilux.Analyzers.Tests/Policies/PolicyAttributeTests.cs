using System.Threading.Tasks;
using Routilux.Analyzers.Policies;
using Routilux.Analyzers.Tests.Infrastructure;
using Xunit;

namespace Routilux.Analyzers.Tests.Policies;

/// <summary>Literal policy settings in attributes (RTLX9001-RTLX9003), reported at the offending argument.</summary>
public sealed class PolicyAttributeTests
{
    [Theory]
    // RTLX9001: retry settings ErrorPolicy.Validate would reject.
    [InlineData("[OnError(ErrorStrategy.Retry, {|RTLX9001:MaxRetries = -1|})]")]
    [InlineData("[OnError(ErrorStrategy.Retry, {|RTLX9001:DelayMilliseconds = -5|})]")]
    [InlineData("[OnError(ErrorStrategy.Retry, {|RTLX9001:BackoffFactor = 0.5|})]")]
    [InlineData("[OnError(ErrorStrategy.Retry, {|RTLX9001:BackoffFactor = double.NaN|})]")]
    [InlineData("[OnError(ErrorStrategy.Retry, DelayMilliseconds = 500, {|RTLX9001:MaxDelayMilliseconds = 100|})]")]
    [InlineData("[OnError(ErrorStrategy.Retry, {|RTLX9001:RetryOn = new[] { typeof(string) }|})]")]
    [InlineData("[OnError(ErrorStrategy.Retry, {|RTLX9001:Fallback = ErrorStrategy.Retry|})]")]
    // RTLX9003: milliseconds no TimeSpan can hold, which would throw in the descriptor's type initializer.
    [InlineData("[OnError(ErrorStrategy.Retry, {|RTLX9003:DelayMilliseconds = double.NaN|})]")]
    [InlineData("[OnError(ErrorStrategy.Retry, {|RTLX9003:DelayMilliseconds = double.PositiveInfinity|})]")]
    [InlineData("[OnError(ErrorStrategy.Retry, {|RTLX9003:DelayMilliseconds = 1e300|})]")]
    [InlineData("[OnError(ErrorStrategy.Retry, {|RTLX9003:MaxDelayMilliseconds = double.PositiveInfinity|})]")]
    public Task Invalid_retry_setting_is_reported(string attribute) =>
        Verify.Analyzer<PolicyAttributeAnalyzer>(Verify.Usings + "namespace Demo;\n" + attribute + "\n[Routine] public partial class R { [Slot] public void S(int x) { } }");

    [Theory]
    // RTLX9002: values the runtime rejects when the flow is built.
    [InlineData("[Slot, Batch({|RTLX9002:0|})] public void S(IReadOnlyList<int> x) { }")]
    [InlineData("[Slot, Batch({|RTLX9002:-3|})] public void S(IReadOnlyList<int> x) { }")]
    [InlineData("[Slot, Batch(5, {|RTLX9002:MaxWaitMilliseconds = -1|})] public void S(IReadOnlyList<int> x) { }")]
    [InlineData("[Slot, Interval({|RTLX9002:0|})] public void S(IReadOnlyList<int> x) { }")]
    [InlineData("[Slot, Interval({|RTLX9002:-10|})] public void S(IReadOnlyList<int> x) { }")]
    // RTLX9003: values that would crash the descriptor.
    [InlineData("[Slot, Interval({|RTLX9003:double.NaN|})] public void S(IReadOnlyList<int> x) { }")]
    [InlineData("[Slot, Interval({|RTLX9003:double.PositiveInfinity|})] public void S(IReadOnlyList<int> x) { }")]
    [InlineData("[Slot, Batch(5, {|RTLX9003:MaxWaitMilliseconds = double.NaN|})] public void S(IReadOnlyList<int> x) { }")]
    [InlineData("[Slot, Batch(5, {|RTLX9003:MaxWaitMilliseconds = 1e16|})] public void S(IReadOnlyList<int> x) { }")]
    public Task Invalid_activation_setting_is_reported(string slot) =>
        Verify.Analyzer<PolicyAttributeAnalyzer>(Verify.Usings + "namespace Demo;\n[Routine] public partial class R { " + slot + " }");

    [Fact]
    public Task Valid_and_ignored_settings_are_not_reported() =>
        Verify.Analyzer<PolicyAttributeAnalyzer>(Verify.Usings + """
            namespace Demo;

            [Routine, OnError(ErrorStrategy.Retry, MaxRetries = 0, DelayMilliseconds = 0, BackoffFactor = 1, MaxDelayMilliseconds = 0, RetryOn = new[] { typeof(TimeoutException) }, Fallback = ErrorStrategy.Skip)]
            public partial class Retrying
            {
                [Slot, Batch(1)] public void A(IReadOnlyList<int> x) { }
                [Slot, Batch(5, MaxWaitMilliseconds = 0)] public void B(IReadOnlyList<int> x) { }
                [Slot, Interval(0.5)] public void C(IReadOnlyList<int> x) { }
            }

            // Settings of other strategies are never read, so they are not checked.
            [Routine, OnError(ErrorStrategy.Continue, MaxRetries = -1, DelayMilliseconds = double.NaN)]
            public partial class Continuing { [Slot] public void S(int x) { } }

            // A maximum delay of 0 or less means no cap: it never becomes a TimeSpan.
            [Routine, OnError(ErrorStrategy.Retry, MaxDelayMilliseconds = double.NaN)]
            public partial class Uncapped { [Slot] public void S(int x) { } }
            """);
}
