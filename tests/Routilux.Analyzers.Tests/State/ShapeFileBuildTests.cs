using System;
using System.Threading.Tasks;
using Routilux.Analyzers.Tests.Infrastructure;
using Xunit;

namespace Routilux.Analyzers.Tests.State;

/// <summary>
/// The shape file as the docs tell users to add it, <c>&lt;AdditionalFiles Include="RoutiluxState.Shipped.json" /&gt;</c>,
/// in a real <c>dotnet build</c>: a type changed without a bump is reported on the routine.
/// </summary>
public sealed class ShapeFileBuildTests
{
    [Fact]
    public async Task A_listed_shape_file_reports_a_shape_changed_without_a_bump()
    {
        using var project = SdkProject.Create("""
            using Routilux;

            Console.WriteLine(new Counter().GetType().Name);

            [Routine]
            public partial class Counter
            {
                [State(Name = "count")] private string _count = "";
                [Slot] public void Add(int n) => _count += n;
            }
            """);
        project.Write("RoutiluxState.Shipped.json", "{\"format\": 1, \"routines\": {\"Counter\": {\"1\": {\"count\": \"int\"}}}}\n");
        project.Write("Directory.Build.props", """
            <Project>
              <ItemGroup>
                <AdditionalFiles Include="RoutiluxState.Shipped.json" />
              </ItemGroup>
            </Project>
            """);

        var (exit, output) = await project.BuildAsync();

        Assert.True(exit == 0, "The build failed:" + Environment.NewLine + output);
        Assert.Contains(
            "warning RTLX2015: The state of routine 'Counter' changed at StateVersion 1 in a way checkpoints saved before cannot be read ('count' changed from int to string)",
            output,
            StringComparison.Ordinal);
    }
}
