using System.Linq;
using Microsoft.CodeAnalysis;
using Routilux.Generators.Emit;
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
    [InlineData(3, 200d, "global::Routilux.ActivationPolicy.Batch(3, global::System.TimeSpan.FromMilliseconds(200))")]
    [InlineData(3, 0d, "global::Routilux.ActivationPolicy.Batch(3, null)")]
    [InlineData(0, 0.5, "global::Routilux.ActivationPolicy.Batch(0, global::System.TimeSpan.FromMilliseconds(0.5))")]
    [InlineData(1, double.NaN, "global::Routilux.ActivationPolicy.Batch(1, global::System.TimeSpan.FromMilliseconds(double.NaN))")]
    [InlineData(1, 1e20, "global::Routilux.ActivationPolicy.Batch(1, global::System.TimeSpan.FromMilliseconds(1E+20))")]
    public void BatchRendersAsWritten(int size, double maxWait, string expected) =>
        Assert.Equal(expected, ActivationExpression.Of(ActivationSpec.Batch(size, maxWait), "global::Demo.R"));

    [Fact]
    public void ActivationsRenderAsPolicies()
    {
        Assert.Null(ActivationExpression.Of(ActivationSpec.Immediate, "global::Demo.R"));
        Assert.Equal("global::Routilux.ActivationPolicy.Batch(3, null)", ActivationExpression.Of(ActivationSpec.Batch(3, -0d), "global::Demo.R"));
        Assert.Equal("global::Routilux.ActivationPolicy.AllSlotsReady", ActivationExpression.Of(ActivationSpec.AllSlotsReady, "global::Demo.R"));
        Assert.Equal(
            "global::Routilux.ActivationPolicy.Interval(global::System.TimeSpan.FromMilliseconds(double.NegativeInfinity))",
            ActivationExpression.Of(ActivationSpec.Interval(double.NegativeInfinity), "global::Demo.R"));
        Assert.Equal(
            "global::Routilux.ActivationPolicy.Custom<global::Demo.R<T>>(static (routine, state) => routine.@event(state))",
            ActivationExpression.Of(ActivationSpec.Custom("event", isStatic: false), "global::Demo.R<T>"));
        Assert.Equal(ActivationSpec.Batch(2, double.NaN), ActivationSpec.Batch(2, double.NaN));
        Assert.NotEqual(ActivationSpec.Custom("P", isStatic: true), ActivationSpec.Custom("P", isStatic: false));
    }

    [Theory]
    [InlineData("order", "Order")]
    [InlineData("event", "Event")]
    [InlineData("x", "X")]
    [InlineData("_id", "_id")]
    [InlineData("Already", "Already")]
    public void JoinSlotsAreNamedAfterParameters(string parameter, string slot) => Assert.Equal(slot, JoinParser.SlotName(parameter));

    [Theory]
    [InlineData("<summary>One <see cref=\"T:Demo.Item\"/> and <see href=\"https://x\">a link</see>.</summary>", "One Demo.Item and a link.")]
    [InlineData("<summary>Unclosed <b", "Unclosed")]
    [InlineData("<summary>No end", "No end")]
    [InlineData("<remarks>Only remarks.</remarks>", "")]
    [InlineData("<summary> <see/> &#65;&#x42;&#0; </summary>", "AB&#0;")]
    public void SummaryTextIsPlain(string comment, string expected) => Assert.Equal(expected, DocSummary.FromComment(comment));
}
