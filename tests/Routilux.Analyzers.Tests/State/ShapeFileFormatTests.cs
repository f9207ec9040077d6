using System.Collections.Generic;
using Routilux.Analyzers.State;
using Xunit;

namespace Routilux.Analyzers.Tests.State;

/// <summary>RoutiluxState.Shipped.json reads what it writes, writes one stable, sorted text, and refuses anything else with the JSON path.</summary>
public sealed class ShapeFileFormatTests
{
    private const string Sorted = """
        {
          "format": 1,
          "routines": {
            "Demo.A": {
              "1": {
                "a\"quote": "int",
                "b": "System.Collections.Generic.Dictionary<string, long?>"
              },
              "2": {},
              "10": {
                "z": "string"
              }
            },
            "Demo.B": {
              "1": {
                "x": "int[]"
              }
            }
          }
        }

        """;

    [Fact]
    public void Writing_sorts_routines_and_members_ordinally_and_versions_numerically()
    {
        var file = ShapeFile.Empty
            .With("Demo.B", 1, Shape(("x", "int[]")))
            .With("Demo.A", 10, Shape(("z", "string")))
            .With("Demo.A", 2, Shape())
            .With("Demo.A", 1, Shape(("b", "System.Collections.Generic.Dictionary<string, long?>"), ("a\"quote", "int")));

        Assert.Equal(Sorted.Replace("\r\n", "\n", System.StringComparison.Ordinal), ShapeFileWriter.Write(file));
    }

    [Fact]
    public void What_is_written_reads_back_the_same()
    {
        var file = ShapeFileReader.Read(Sorted);
        Assert.Equal(new[] { "Demo.A", "Demo.B" }, file.Routines.Keys);
        Assert.Equal(new[] { 1, 2, 10 }, file.Routines["Demo.A"].Keys);
        Assert.Equal("int", file.ShapeAt("Demo.A", 1)!.Members["a\"quote"]);
        Assert.Equal(10, file.LatestVersion("Demo.A"));
        Assert.Equal(ShapeFileWriter.Write(file), ShapeFileWriter.Write(ShapeFileReader.Read(ShapeFileWriter.Write(file))));
    }

    [Fact]
    public void Recording_replaces_only_the_entry_of_that_version()
    {
        var file = ShapeFileReader.Read(Sorted).With("Demo.A", 2, Shape(("new", "long")));
        Assert.Equal("long", file.ShapeAt("Demo.A", 2)!.Members["new"]);
        Assert.Equal("string", file.ShapeAt("Demo.A", 10)!.Members["z"]);
        Assert.Equal(2, file.ShapeAt("Demo.A", 1)!.Members.Count);
    }

    [Fact]
    public void An_empty_file_writes_an_empty_routines_object()
    {
        Assert.Equal("{\n  \"format\": 1,\n  \"routines\": {}\n}\n", ShapeFileWriter.Write(ShapeFile.Empty));
        Assert.Empty(ShapeFileReader.Read(ShapeFileWriter.Write(ShapeFile.Empty)).Routines);
    }

    [Fact]
    public void A_shape_round_trips_through_diagnostic_properties()
    {
        var shape = Shape(("count", "int"), ("label", "string"), ("tab\tname", "System.ValueTuple<int, string>"));
        Assert.Equal(shape, ShapeFileReader.ReadShape(ShapeFileWriter.WriteShape(shape)));
    }

    [Theory]
    [InlineData("", "the JSON ends where a value was expected")]
    [InlineData("{\"routines\": {}}", "$.format is missing")]
    [InlineData("{\"format\": 1, \"format\": 1}", "the member 'format' appears twice in one object")]
    [InlineData("{\"format\": \"1\"}", "$.format must be a whole number")]
    [InlineData("{\"format\": 1, \"routines\": []}", "$.routines must be a JSON object")]
    [InlineData("{\"format\": 1, \"routines\": {\"A\": {}}}", "$.routines['A'] records no version")]
    [InlineData("{\"format\": 1, \"routines\": {\"A\": {\"01\": {}}}}", "$.routines['A']['01']: a state version is a whole number")]
    [InlineData("{\"format\": 1, \"routines\": {\"A\": {\"0\": {}}}}", "$.routines['A']['0']: a state version is a whole number")]
    [InlineData("{\"format\": 1, \"routines\": {\"A\": {\"1\": {\"x\": 1}}}}", "$.routines['A']['1']['x'] must be the member's type as a non-empty string")]
    [InlineData("{\"format\": 1, \"extra\": 2}", "$.extra is not part of the format")]
    [InlineData("{\"format\": 1} x", "unexpected text after the end")]
    [InlineData("{\"format\": 1, \"routines\": {\"A\": {\"1\": {\"x\": \"int}}}}", "a JSON string is not closed")]
    [InlineData("{\"format\": 1,}", "a member name in quotes was expected")]
    public void Anything_else_is_refused_naming_where(string text, string message)
    {
        var exception = Assert.Throws<ShapeFileException>(() => ShapeFileReader.Read(text));
        Assert.StartsWith(message, exception.Message, System.StringComparison.Ordinal);
    }

    private static StateShape Shape(params (string Name, string Type)[] members)
    {
        var list = new List<KeyValuePair<string, string>>();
        foreach (var (name, type) in members)
        {
            list.Add(new KeyValuePair<string, string>(name, type));
        }

        return StateShape.From(list);
    }
}
