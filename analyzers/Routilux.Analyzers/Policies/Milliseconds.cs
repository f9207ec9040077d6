using System;
using System.Globalization;

namespace Routilux.Analyzers.Policies;

/// <summary>Which millisecond counts TimeSpan.FromMilliseconds accepts, and how to print them in messages.</summary>
internal static class Milliseconds
{
    // TimeSpan.FromMilliseconds multiplies by 10,000 ticks and throws when the result is NaN or outside a long.
    private const double TicksPerMillisecond = 10_000d;
    private const double MaxTicks = long.MaxValue;

    /// <summary>Whether <c>TimeSpan.FromMilliseconds(value)</c> returns instead of throwing.</summary>
    public static bool AreRepresentable(double value) =>
        !double.IsNaN(value) && !double.IsInfinity(value) && Math.Abs(value * TicksPerMillisecond) < MaxTicks;

    /// <summary>A number as C# would show it: "NaN", "∞" spelled out, or the invariant shortest form.</summary>
    public static string Format(double value) =>
        double.IsNaN(value) ? "NaN"
        : double.IsPositiveInfinity(value) ? "positive infinity"
        : double.IsNegativeInfinity(value) ? "negative infinity"
        : value.ToString("R", CultureInfo.InvariantCulture);
}
