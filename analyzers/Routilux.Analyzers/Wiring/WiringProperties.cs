using System.Globalization;

namespace Routilux.Analyzers.Wiring;

/// <summary>
/// Keys of the properties an unconnected-slot diagnostic (RTLX1001) carries for its code fix: the builder and the
/// slot, and each compatible event of another routine of the flow as <c>Candidate.{i}.*</c>.
/// </summary>
internal static class WiringProperties
{
    /// <summary>The FlowBuilder local's name.</summary>
    public const string Builder = "Builder";

    /// <summary>The unconnected slot's routine id.</summary>
    public const string RoutineId = "RoutineId";

    /// <summary>The local holding the slot's routine handle; absent when the handle is not stored.</summary>
    public const string Handle = "Handle";

    /// <summary>The slot's port method name (for <c>handle.Method()</c>).</summary>
    public const string SlotMethod = "SlotMethod";

    /// <summary>The slot's name in the flow (for "routineId.Name").</summary>
    public const string SlotName = "SlotName";

    /// <summary>How many compatible events there are.</summary>
    public const string CandidateCount = "Candidate.Count";

    /// <summary>The key of one candidate's <paramref name="part"/>: RoutineId, Handle, Method or Name.</summary>
    public static string Candidate(int index, string part) => "Candidate." + index.ToString(CultureInfo.InvariantCulture) + "." + part;
}
