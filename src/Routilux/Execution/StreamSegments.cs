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
/// that starts at it, and the longest chain is divided into as many segments as there are cores but no more than
/// leave each later segment at least <see cref="Tuning.MinimumSegment"/> routines (a hand-off costs about as much as a hop
/// or two). The first segment is the shorter: it runs the stream's source and is fed one message at a time, while
/// every later segment takes what crosses its cut from a queue and runs it in batches (see
/// <see cref="RoutineCell"/>'s batches), which costs about <see cref="Tuning.FedOneByOneCost"/> times less per routine. The
/// rest is divided as evenly as possible, the shorter segments first. Every routine falls in the segment of its
/// distance from the end, and a connection is a cut where its two ends fall in different segments. Flows shorter
/// than two segments are never cut.
/// </remarks>
internal static class StreamSegments
{
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
        if (longest < 2 * Tuning.MinimumSegment)
        {
            return cuts;
        }

        var segments = Math.Min(processors, longest / Tuning.MinimumSegment);
        var first = FirstSegment(longest, segments);
        while (segments > 2 && (longest - first) / (segments - 1) < Tuning.MinimumSegment)
        {
            segments--;
            first = FirstSegment(longest, segments);
        }

        for (var i = 0; i < cuts.Length; i++)
        {
            var connection = flow.Connections[i];
            cuts[i] = SegmentOf(lengths[connection.Source.Index], longest - first, segments) != SegmentOf(lengths[connection.Target.Index], longest - first, segments);
        }

        return cuts;
    }

    /// <summary>
    /// How many routines the first segment gets, so that it takes about as long per message as each later one:
    /// <c>first * Tuning.FedOneByOneCost = (longest - first) / (segments - 1)</c>.
    /// </summary>
    private static int FirstSegment(int longest, int segments) =>
        Math.Max(1, (int)Math.Round(longest / ((Tuning.FedOneByOneCost * (segments - 1)) + 1), MidpointRounding.AwayFromZero));

    /// <summary>
    /// The segment, counted from the end of the longest chain, of a routine whose longest chain has
    /// <paramref name="length"/> routines: the last <paramref name="rest"/> routines of the longest chain are divided
    /// as evenly as possible into all segments but the first, where the sizes differ by one the shorter first (the
    /// sending side of a hand-off costs more than the taking side); the routines before them are the first segment.
    /// </summary>
    private static int SegmentOf(int length, int rest, int segments)
    {
        var fromEnd = length - 1;
        var later = segments - 1;
        if (fromEnd >= rest)
        {
            return later;
        }

        var shorter = rest / later;
        var longer = rest % later;
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
