using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Routilux;

/// <summary>A side of a comparison: a literal or a field path. Immutable; reading never throws.</summary>
internal abstract class ConditionOperand
{
    public abstract ConditionValue Read(in ConditionContext context, ref ConditionProblem problem);
}

internal sealed class LiteralOperand(ConditionValue value, string source) : ConditionOperand
{
    public ConditionValue Value { get; } = value;

    public override ConditionValue Read(in ConditionContext context, ref ConditionProblem problem) => Value;

    public override string ToString() => source;
}

/// <summary>The names a path may start with; the parser rejects every other identifier.</summary>
internal enum ConditionRoot
{
    Payload,
    JobId,
    Worker,
    Routine,
    Slot,
    Attempt,
}

/// <summary>
/// <c>payload.a.b</c> or one of the context's names. A member that is missing, or is read through null or a
/// non-object, reads as null: a payload without the field is not a hit, not an error. <c>.length</c> on an array or
/// a string is its size (on an object it is the member named "length").
/// </summary>
internal sealed class PathOperand : ConditionOperand
{
    private readonly ConditionRoot _root;
    private readonly string[] _members;

    public PathOperand(ConditionRoot root, string[] members)
    {
        _root = root;
        _members = members;
        Debug.Assert(root == ConditionRoot.Payload || members.Length == 0, "Only payload has members.");
    }

    public override ConditionValue Read(in ConditionContext context, ref ConditionProblem problem)
    {
        switch (_root)
        {
            case ConditionRoot.JobId: return ConditionValue.Of(context.JobId);
            case ConditionRoot.Worker: return ConditionValue.Of(context.WorkerId);
            case ConditionRoot.Routine: return ConditionValue.Of(context.RoutineId);
            case ConditionRoot.Slot: return ConditionValue.Of(context.SlotName);
            case ConditionRoot.Attempt: return ConditionValue.Of(context.Attempt);
        }

        var element = context.Payload;
        for (var i = 0; i < _members.Length; i++)
        {
            var member = _members[i];
            var isLast = i == _members.Length - 1;
            switch (element.ValueKind)
            {
                case JsonValueKind.Object when element.TryGetProperty(member, out var next):
                    element = next;
                    continue;
                case JsonValueKind.Array when member == "length" && isLast:
                    return ConditionValue.Of(element.GetArrayLength());
                case JsonValueKind.String when member == "length" && isLast:
                    return ConditionValue.Of(element.GetString()!.Length);
                default:
                    return ConditionValue.Null;
            }
        }

        return ConditionValue.Of(element, ref problem);
    }

    public override string ToString() => _root switch
    {
        ConditionRoot.JobId => "job.id",
        ConditionRoot.Payload => _members.Length == 0 ? "payload" : "payload." + string.Join('.', _members),
        _ => _root.ToString().ToLower(CultureInfo.InvariantCulture),
    };
}
