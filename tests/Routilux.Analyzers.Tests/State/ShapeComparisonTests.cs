using Routilux.Analyzers.State;
using Xunit;

namespace Routilux.Analyzers.Tests.State;

/// <summary>Numeric widening as the readers accept it: C#'s implicit numeric conversions, and T to T? but never back.</summary>
public sealed class ShapeComparisonTests
{
    [Theory]
    [InlineData("int", "long", true)]
    [InlineData("int", "double", true)]
    [InlineData("byte", "ushort", true)]
    [InlineData("float", "double", true)]
    [InlineData("int", "int?", true)]
    [InlineData("int?", "long?", true)]
    [InlineData("long", "int", false)]
    [InlineData("double", "float", false)]
    [InlineData("int?", "int", false)]
    [InlineData("int", "uint", false)]
    [InlineData("float", "decimal", false)]
    [InlineData("int", "string", false)]
    [InlineData("string", "string", true)]
    public void Widens(string from, string to, bool widens) => Assert.Equal(widens, ShapeComparison.Widens(from, to));
}
