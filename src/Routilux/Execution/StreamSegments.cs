namespace Routilux.Execution;

/// <summary>
/// Where a stream's fused chain is cut so that its segments run on different cores. Fused dispatch runs an idle
/// downstream routine on the emitting thread, which is the fastest way through a chain for one message but keeps a
/// steady stream on one core while the others idle. So, while a routine is streaming (it has delivered many
/// messages in one turn or one handler run), messages cross the connections chosen here through the queue instead,
/// and the routine behind the cut runs the rest of the chain on another pool thread.
/// </summary>
/// <remarks>
/// The cut is decided once per worker from the flow's shape: every routine gets the length of the longest chain
/// that starts at it, the longest chain is divided as evenly as possible into as many segments as there are cores
/// but no more than leave each at least <see cref="MinimumSegment"/> routines (a hand-off costs about as much as a
/// hop or two), the shorter segments first, every routine falls in the segment of its distance from the end, and a
/// connection is a cut where its two ends fall in different segments. Flows shorter than two segments are never cut.
/// </remarks>
internal static class StreamSegments
{
    /// <summary>The fewest routines a segment runs: below this a hand-off costs more than it spreads.</summary>
    public const int MinimumSegment = 4;

    /// <summary>For each connection of <paramref name="flow"/>, whether streams cross it through the queue.</summary>
    public static bool[] Cuts(Flow flow, int processors)
    {
        var cuts = new bool[flow.Connections.Count];
        if (processors < 2)
        {
            return cuts;
        }

        var lengths = LongestChains(flow);
        var longest = lengths.Length == 0 ? 0 : lengths.Max();
        if (longest < 2 * MinimumSegment)
        {
            return cuts;
        }

        var segments = Math.Min(processors, longest / MinimumSegment);
        for (var i = 0; i < cuts.Length; i++)
        {
            var connection = flow.Connections[i];
            cuts[i] = SegmentOf(lengths[connection.Source.Index], longest, segments) != SegmentOf(lengths[connection.Target.Index], longest, segments);
        }

        return cuts;
    }

    /// <summary>
    /// The segment, counted from the end of the longest chain, of a routine whose longest chain has
    /// <paramref name="length"/> routines. The <paramref name="longest"/> chain is divided as evenly as possible, and
    /// where the sizes differ by one the segments at the start are the shorter ones: the first segment also runs the
    /// stream's source (a handler that loops over its emits), and the sending side of a hand-off costs more than the
    /// taking side, so that balances the cores' load.
    /// </summary>
    private static int SegmentOf(int length, int longest, int segments)
    {
        var shorter = longest / segments;
        var longer = longest % segments;
        var fromEnd = length - 1;
        return fromEnd < longer * (shorter + 1) ? fromEnd / (shorter + 1) : longer + (fromEnd - longer * (shorter + 1)) / shorter;
    }

    /// <summary>For each routine, how many routines the longest chain starting at it has; a cycle counts once.</summary>
    internal static int[] LongestChains(Flow flow)
    {
        var count = flow.Routines.Count;
        var successors = new List<int>[count];
        for (var i = 0; i < count; i++)
        {
            successors[i] = new List<int>();
        }

        foreach (var connection in flow.Connections)
        {
            successors[connection.Source.Index].Add(connection.Target.Index);
        }

        var lengths = new int[count];
        var state = new byte[count]; // 0: not seen, 1: on the current path, 2: done
        for (var i = 0; i < count; i++)
        {
            Visit(i, successors, lengths, state);
        }

        return lengths;
    }

    private static void Visit(int root, List<int>[] successors, int[] lengths, byte[] state)
    {
        if (state[root] != 0)
        {
            return;
        }

        // Iterative depth-first search: a 10,000-routine chain must not overflow the stack.
        var path = new Stack<(int Routine, int Next)>();
        path.Push((root, 0));
        state[root] = 1;
        while (path.Count > 0)
        {
            var (routine, next) = path.Pop();
            if (next < successors[routine].Count)
            {
                path.Push((routine, next + 1));
                var successor = successors[routine][next];
                if (state[successor] == 0)
                {
                    state[successor] = 1;
                    path.Push((successor, 0));
                }

                continue;
            }

            // All successors are done (or on the current path: a cycle, which adds nothing).
            var longest = 0;
            foreach (var successor in successors[routine])
            {
                if (state[successor] == 2)
                {
                    longest = Math.Max(longest, lengths[successor]);
                }
            }

            lengths[routine] = longest + 1;
            state[routine] = 2;
        }
    }
}
