using System.Linq;
using Microsoft.CodeAnalysis;
using Routilux.Generators.Model;
using Routilux.Generators.Parsing;
using Routilux.Generators.Tests.Infrastructure;
using Xunit;

namespace Routilux.Generators.Tests;

/// <summary>The pieces under the pipeline: value equality of the model and rendering of attribute arguments.</summary>
public sealed class ModelAndRenderingTests
{
    [Fact]
    public void EquatableArrayComparesElements()
    {
        var left = new EquatableArray<string>(new[] { "a", "b" });
        var right = new EquatableArray<string>(new[] { "a", "b" }.Select(s => s));

        Assert.True(left == right);
        Assert.Equal(left.GetHashCode(), right.GetHashCode());
        Assert.True(left != new EquatableArray<string>(new[] { "a" }));
        Assert.False(left.Equals(new EquatableArray<string>(new[] { "a", "c" })));
        Assert.True(default(EquatableArray<string>).Equals(EquatableArray<string>.Empty));
        Assert.True(default(EquatableArray<string>).IsEmpty);
        Assert.Equal("b", left[1]);
        Assert.Equal(new[] { "a", "b" }, left.ToArray());
        Assert.False(left.Equals((object)"a"));
    }

    [Fact]
    public void AttributeArgumentsRenderAsCSharp()
    {
        const string source = """
            using System;
            using System.Collections.Generic;

            [Flags] public enum Options { None = 0, A = 1, B = 2 }

            public sealed class AllKindsAttribute : Attribute
            {
                public AllKindsAttribute(object? value) { }
                public double D { get; set; }
                public float F { get; set; }
                public long L { get; set; }
                public ulong UL { get; set; }
                public uint U { get; set; }
                public char C { get; set; }
                public string? S { get; set; }
                public bool B { get; set; }
                public Options O { get; set; }
                public Type? T { get; set; }
                public int[]? Array { get; set; }
            }

            [AllKinds(null, D = double.NaN, F = 1.5f, L = 5000000000, UL = 7, U = 3, C = '\'', S = "a\"b", B = true,
                O = Options.A | Options.B, T = typeof(List<>), Array = null)]
            public class Target { }
            """;
        var compilation = GeneratorHarness.Compile(source);
        var attribute = compilation.GetTypeByMetadataName("Target")!.GetAttributes().Single();

        var rendered = AttributeExpressions.Creation(attribute);

        Assert.Equal(
            "new global::AllKindsAttribute(null) { D = double.NaN, F = 1.5f, L = 5000000000L, UL = 7UL, U = 3U, C = '\\'', "
            + "S = \"a\\\"b\", B = true, O = (global::Options)(3), T = typeof(global::System.Collections.Generic.List<>), Array = null }",
            rendered);
    }

    [Theory]
    [InlineData("double.PositiveInfinity", "double.PositiveInfinity")]
    [InlineData("double.NegativeInfinity", "double.NegativeInfinity")]
    [InlineData("-0.25", "-0.25d")]
    [InlineData("1e20", "1E+20d")]
    public void DoublesRenderAsLiterals(string written, string expected)
    {
        var compilation = GeneratorHarness.Compile(
            "public sealed class XAttribute : System.Attribute { public double D { get; set; } } [X(D = " + written + ")] public class Target { }");
        var attribute = compilation.GetTypeByMetadataName("Target")!.GetAttributes().Single();

        Assert.Equal(expected, AttributeExpressions.Constant(attribute.NamedArguments.Single().Value));
    }

    [Fact]
    public void ErroneousArgumentsRenderNothing()
    {
        var compilation = GeneratorHarness.Compile("public sealed class XAttribute : System.Attribute { public int N { get; set; } } [X(N = \"text\")] public class Target { }");
        var attribute = compilation.GetTypeByMetadataName("Target")!.GetAttributes().Single();

        Assert.Null(AttributeExpressions.Creation(attribute));
    }

    [Theory]
    [InlineData("<summary>One <see cref=\"T:Demo.Item\"/> and <see href=\"https://x\">a link</see>.</summary>", "One Demo.Item and a link.")]
    [InlineData("<summary>Unclosed <b", "Unclosed")]
    [InlineData("<summary>No end", "No end")]
    [InlineData("<remarks>Only remarks.</remarks>", "")]
    [InlineData("<summary> <see/> &#65;&#x42;&#0; </summary>", "AB&#0;")]
    public void SummaryTextIsPlain(string comment, string expected) => Assert.Equal(expected, DocSummary.FromComment(comment));
}
