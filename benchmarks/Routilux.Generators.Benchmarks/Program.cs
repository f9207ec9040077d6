using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Routilux.Generators;
using Routilux.Generators.Benchmarks;

// Times the generator: a cold run on a fresh compilation, and re-runs of a warm driver after a one-line edit.
// Each figure is the median of many runs after warm-up; the generator's output is checked once so a broken run
// cannot look fast.
const int Warmup = 5;
const int Runs = 25;

var compilation = Workload.Compilation();
var check = NewDriver().RunGenerators(compilation).GetRunResult();
var generated = check.Results.Single().GeneratedSources.Length;
if (check.Diagnostics.Length > 0 || generated != Workload.Routines + 1)
{
    Console.Error.WriteLine($"Unexpected generator result: {generated} files, {check.Diagnostics.Length} diagnostics.");
    return 1;
}

Console.WriteLine($"Routilux generator on {Workload.Routines} routines ({generated} generated files), {Runs} runs after {Warmup} warm-up runs, median (min-max):");
Report("cold run (new driver, fresh compilation)", Measure(() => NewDriver().RunGenerators(compilation.Clone())));
Report("re-run, nothing changed", Incremental(Edit.None));
Report("re-run after a one-line body edit", Incremental(Edit.Body));
Report("re-run after a one-line signature edit", Incremental(Edit.Signature));
return 0;

static GeneratorDriver NewDriver() =>
    CSharpGeneratorDriver.Create(new[] { new RoutineGenerator().AsSourceGenerator() }, parseOptions: Workload.ParseOptions);

// A warm driver sees routine 100's file alternate between its original text and the edited one, so every timed
// run has exactly one changed file (or none).
double[] Incremental(Edit edit)
{
    var tree = compilation.SyntaxTrees.ElementAt(100);
    var original = compilation;
    var edited = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(Workload.Routine(100, edit), Workload.ParseOptions, tree.FilePath));
    var driver = NewDriver().RunGenerators(original);
    var flip = false;
    return Measure(() =>
    {
        flip = !flip;
        driver = driver.RunGenerators(flip ? edited : original);
    });
}

static double[] Measure(Action run)
{
    for (var i = 0; i < Warmup; i++)
    {
        run();
    }

    var times = new double[Runs];
    for (var i = 0; i < Runs; i++)
    {
        var clock = Stopwatch.StartNew();
        run();
        times[i] = clock.Elapsed.TotalMilliseconds;
    }

    Array.Sort(times);
    return times;
}

static void Report(string name, double[] sorted) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-45} {sorted[sorted.Length / 2],9:F2} ms  ({sorted[0]:F2}-{sorted[^1]:F2})"));
