using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Routilux.Generators.Model;
using Routilux.Generators.Parsing;
using Routilux.Generators.Tests.Infrastructure;
using Xunit;

namespace Routilux.Generators.Tests;

/// <summary>StateParser reads state members, names, version and migrations as declared, with locations for the analyzers.</summary>
public sealed class StateParserTests
{
    private const string Prefix = "using System; using System.Collections.Generic; using System.Text.Json.Nodes; using Routilux; namespace Demo; ";

    private static ParsedState Read(string source, string typeName = "R")
    {
        var compilation = GeneratorHarness.Compile(Prefix + source);
        var type = compilation.GetSymbolsWithName(typeName, SymbolFilter.Type).OfType<INamedTypeSymbol>().First();
        var attribute = type.GetAttributes().Single(a => a.AttributeClass?.Name == "RoutineAttribute");
        return StateParser.Read(type, attribute, CancellationToken.None);
    }

    [Fact]
    public void MemberStateReadsNamesKindsVersionAndMigrations()
    {
        var parsed = Read("""
            [Routine(StateVersion = 3)]
            public partial class R
            {
                [State(Name = "count", FormerNames = new[] { "n", "total" })] private long _count;
                [State] public List<string> Seen { get; } = new();
                [State] public required string Label { get; init; }
                [State] private readonly Dictionary<string, int> _byKey = new();
                public int NotState;
                [MigrateState(from: 1)] private static void ToV2(JsonObject state) { }
                [MigrateState(2)] private void ToV3(JsonObject state) { }
                [Slot] public void In(int x) { }
            }
            """);

        var spec = parsed.Spec;
        Assert.Equal(3, spec.Version);
        Assert.False(spec.DeclaredOnClass);
        Assert.Equal(new[] { "_count", "Seen", "Label", "_byKey" }, spec.Members.Select(m => m.Name));

        var count = spec.Members[0];
        Assert.Equal("count", count.JsonName);
        Assert.True(count.NameIsExplicit);
        Assert.Equal(new[] { "n", "total" }, count.FormerNames);
        Assert.Equal("long", count.Type);
        Assert.Equal(StateMemberKind.Field, count.Kind);
        Assert.True(count.HasSetter);

        var seen = spec.Members[1];
        Assert.Equal("Seen", seen.JsonName);
        Assert.False(seen.NameIsExplicit);
        Assert.Equal("global::System.Collections.Generic.List<string>", seen.Type);
        Assert.True(seen.IsReadOnly);
        Assert.False(seen.HasSetter);

        var label = spec.Members[2];
        Assert.True(label.IsInitOnly);
        Assert.True(label.IsRequired);

        Assert.True(spec.Members[3].IsReadOnly);

        Assert.Equal(new[] { new MigrationSpec("ToV2", 1, true), new MigrationSpec("ToV3", 2, false) }, spec.Migrations);
        Assert.All(parsed.Members, m => Assert.True(m.Location is { IsInSource: true }));
        Assert.All(parsed.Members, m => Assert.True(m.StateAttributeLocation is { IsInSource: true }));
        Assert.All(parsed.Migrations, m => Assert.True(m.AttributeLocation is { IsInSource: true }));
        Assert.Equal("StateVersion = 3", parsed.StateVersionLocation!.SourceTree!.ToString().Substring(parsed.StateVersionLocation.SourceSpan.Start, parsed.StateVersionLocation.SourceSpan.Length));
    }

    [Fact]
    public void ClassStateTakesInstanceFieldsAndAutoPropertiesExceptNotState()
    {
        var parsed = Read("""
            [Routine, State]
            public partial class R
            {
                private int _a;
                public string B { get; set; } = "";
                [NotState] private int _cache;
                public int Computed => _a * 2;
                private static int s_shared;
                private const int Limit = 3;
                [State(Name = "see")] public int C { get; set; }
                [Slot] public void In(int x) { _cache = x; s_shared = x; }
            }
            """);

        Assert.True(parsed.Spec.DeclaredOnClass);
        Assert.Equal(1, parsed.Spec.Version);
        Assert.Equal(new[] { "_a", "B", "C" }, parsed.Spec.Members.Select(m => m.Name));
        Assert.Equal("see", parsed.Spec.Members[2].JsonName);
        Assert.Null(parsed.Members[0].StateAttributeLocation);
        Assert.NotNull(parsed.ClassStateAttributeLocation);
    }

    [Fact]
    public void RoutineWithoutStateHasNone()
    {
        var parsed = Read("[Routine] public partial class R { private int _x; [Slot] public void In(int x) => _x = x; }");

        Assert.Equal(StateSpec.None, parsed.Spec);
        Assert.False(parsed.Spec.HasState);
    }
}
