using System.Diagnostics;
using System.Globalization;

namespace Routilux.Tests.Model;

/// <summary>
/// Makes a failing scenario small. Every reduction is an edit of the generated scenario, written as a short token
/// ("c2": drop chaos action 2, "h": drop the later half of the jobs, "j5": drop job 5, "n3": drop routine 3 and what only it fed, "i5": drop job 5's last
/// input, "s3": make routine 3 plain, "d5": start job 5 at once and without a timeout, "p": no flow policy, "w": one
/// worker). The edits that kept the failure are printed with the seed, so the replay command rebuilds exactly the
/// small scenario. A concurrent failure may not show on every run, so each candidate gets a few tries.
/// </summary>
internal static class ScenarioReducer
{
    public static ScenarioSpec Apply(ScenarioSpec spec, IEnumerable<string> edits)
    {
        foreach (var edit in edits)
        {
            spec = Apply(spec, edit) ?? throw new ArgumentException($"The reduction '{edit}' does not apply to scenario {spec.Seed}.", nameof(edits));
        }

        return spec;
    }

    public static async Task<(ScenarioSpec Spec, List<string> Edits, ModelViolation Violation)> ReduceAsync(
        ScenarioSpec spec, List<string> edits, ModelViolation violation, TimeSpan bound, TimeSpan budget, Action<string> log)
    {
        var clock = Stopwatch.StartNew();
        var progress = true;
        while (progress && clock.Elapsed < budget)
        {
            progress = false;
            foreach (var edit in Candidates(spec))
            {
                if (clock.Elapsed > budget)
                {
                    break;
                }

                if (Apply(spec, edit) is not { } smaller)
                {
                    continue;
                }

                for (var attempt = 0; attempt < 3; attempt++)
                {
                    var outcome = await ScenarioRun.RunAsync(smaller, bound);
                    if (outcome.Violations.FirstOrDefault(v => v.Kind == violation.Kind) is { } same)
                    {
                        spec = smaller;
                        edits.Add(edit);
                        violation = same;
                        progress = true;
                        log($"  reduced with '{edit}': {smaller.Nodes.Length} routines, {smaller.Jobs.Length} jobs, {smaller.Chaos.Length} chaos actions");
                        break;
                    }
                }

                if (progress)
                {
                    break;
                }
            }
        }

        return (spec, edits, violation);
    }

    private static IEnumerable<string> Candidates(ScenarioSpec spec)
    {
        foreach (var chaos in spec.Chaos)
        {
            yield return $"c{chaos.Index}";
        }

        if (spec.Jobs.Length >= 4)
        {
            // Half the jobs at once first: a scenario of forty jobs shrinks in a few steps.
            yield return "h";
        }

        if (spec.Jobs.Length > 1)
        {
            foreach (var job in spec.Jobs.Reverse())
            {
                yield return $"j{job.Index}";
            }
        }

        foreach (var node in spec.Nodes.Reverse().Where(n => !spec.Entries.Contains(n.Index)))
        {
            yield return $"n{node.Index}";
        }

        foreach (var job in spec.Jobs.Where(j => j.InputEntries.Length > 1))
        {
            yield return $"i{job.Index}";
        }

        foreach (var node in spec.Nodes.Where(n => !IsPlain(n)))
        {
            yield return $"s{node.Index}";
        }

        foreach (var job in spec.Jobs.Where(j => j.DelayMs > 0 || j.TimeoutMs is not null || j.CallerToken))
        {
            yield return $"d{job.Index}";
        }

        if (spec.FlowPolicy is not null)
        {
            yield return "p";
        }

        if (spec.Workers > 1)
        {
            yield return "w";
        }
    }

    private static ScenarioSpec? Apply(ScenarioSpec spec, string edit)
    {
        var number = edit.Length > 1 ? int.Parse(edit[1..], CultureInfo.InvariantCulture) : -1;
        switch (edit[0])
        {
            case 'h' when spec.Jobs.Length >= 4:
                var kept = spec.Jobs.Take(spec.Jobs.Length / 2).Select(j => j.Index).ToHashSet();
                return spec with
                {
                    Jobs = spec.Jobs.Where(j => kept.Contains(j.Index)).ToArray(),
                    Chaos = spec.Chaos.Where(c => kept.Contains(c.Job) || c.Kind is not (ChaosKind.CancelJob or ChaosKind.CancelCallerToken)).ToArray(),
                };
            case 'c' when spec.Chaos.Any(c => c.Index == number):
                return spec with { Chaos = spec.Chaos.Where(c => c.Index != number).ToArray() };
            case 'j' when spec.Jobs.Length > 1 && spec.Jobs.Any(j => j.Index == number):
                return spec with
                {
                    Jobs = spec.Jobs.Where(j => j.Index != number).ToArray(),
                    Chaos = spec.Chaos.Where(c => c.Job != number || c.Kind is not (ChaosKind.CancelJob or ChaosKind.CancelCallerToken)).ToArray(),
                };
            case 'n' when spec.Nodes.Any(n => n.Index == number) && !spec.Entries.Contains(number):
                return RemoveNode(spec, number);
            case 'i' when spec.Jobs.Any(j => j.Index == number && j.InputEntries.Length > 1):
                return spec with { Jobs = spec.Jobs.Select(j => j.Index == number ? j with { InputEntries = j.InputEntries[..^1] } : j).ToArray() };
            case 's' when spec.Nodes.Any(n => n.Index == number && !IsPlain(n)):
                return spec with { Nodes = spec.Nodes.Select(n => n.Index == number ? Plain(n) : n).ToArray() };
            case 'd' when spec.Jobs.Any(j => j.Index == number):
                return spec with
                {
                    Jobs = spec.Jobs.Select(j => j.Index == number ? j with { DelayMs = 0, TimeoutMs = null, CallerToken = false } : j).ToArray(),
                    Chaos = spec.Chaos.Where(c => c.Job != number || c.Kind != ChaosKind.CancelCallerToken).ToArray(),
                };
            case 'p' when spec.FlowPolicy is not null:
                return spec with { FlowPolicy = null };
            case 'w' when spec.Workers > 1:
                return spec with
                {
                    Workers = 1,
                    Jobs = spec.Jobs.Select(j => j with { Worker = 0 }).ToArray(),
                    Chaos = spec.Chaos.Select(c => c with { Worker = 0 }).ToArray(),
                };
            default:
                return null;
        }
    }

    private static bool IsPlain(NodeSpec node) =>
        node is { Fanout: 1, FaultPercent: 0, SelfCancelPercent: 0, AwaitPercent: 0, OwnPolicy: null } && node.Slots.All(s => s is { Capacity: null, Policy: null });

    // Keeps what makes a routine hold messages (the gate) and its kind; drops faults, copies, awaits and settings.
    private static NodeSpec Plain(NodeSpec node) =>
        node with
        {
            Fanout = 1,
            FaultPercent = 0,
            SelfCancelPercent = 0,
            AwaitPercent = 0,
            OwnPolicy = null,
            Slots = node.Slots.Select(s => s with { Capacity = null, Policy = null }).ToArray(),
        };

    // Removes the routine, then every routine left with a slot nothing feeds (a flow must connect every slot).
    private static ScenarioSpec RemoveNode(ScenarioSpec spec, int index)
    {
        var nodes = spec.Nodes.Where(n => n.Index != index).ToList();
        var edges = spec.Edges.Where(e => e.From != index && e.To != index).ToList();
        while (nodes.FirstOrDefault(n => !spec.Entries.Contains(n.Index) && n.Slots.Any(s => !edges.Any(e => e.To == n.Index && e.ToSlot == s.Name))) is { } orphan)
        {
            nodes.Remove(orphan);
            edges.RemoveAll(e => e.From == orphan.Index || e.To == orphan.Index);
        }

        return spec with { Nodes = nodes.ToArray(), Edges = edges.ToArray() };
    }
}
