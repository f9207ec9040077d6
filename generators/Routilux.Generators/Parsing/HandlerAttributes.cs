using Microsoft.CodeAnalysis;

namespace Routilux.Generators.Parsing;

/// <summary>The Routilux attributes on one method, sorted by what they declare.</summary>
internal sealed class HandlerAttributes
{
    private int _activationCount;

    public AttributeData? Slot { get; private set; }

    public AttributeData? Emits { get; private set; }

    public AttributeData? Join { get; private set; }

    /// <summary>[Batch], [Interval] or [ActivateWhen]; when there are several, one of them (see <see cref="IsConsistent"/>).</summary>
    public AttributeData? Activation { get; private set; }

    /// <summary>Whether the method carries any attribute the generator reads.</summary>
    public bool Any => Slot is not null || Emits is not null || Join is not null || Activation is not null;

    /// <summary>
    /// Exactly one of [Slot], [Emits] and [Join], and at most one activation attribute, only beside [Slot]: a
    /// join already has its activation, and an event or a plain method has none to set.
    /// </summary>
    public bool IsConsistent =>
        (Slot is null ? 0 : 1) + (Emits is null ? 0 : 1) + (Join is null ? 0 : 1) == 1
        && (_activationCount == 0 || (_activationCount == 1 && Slot is not null));

    /// <summary>Whether a [Slot] carries more than one activation attribute (each of the others is consistent).</summary>
    public bool HasTwoActivations => Slot is not null && Emits is null && Join is null && _activationCount > 1;

    /// <summary>What is wrong when <see cref="IsConsistent"/> is false and it is not <see cref="HasTwoActivations"/>; null otherwise.</summary>
    public string? Conflict
    {
        get
        {
            var kinds = (Slot is null ? 0 : 1) + (Emits is null ? 0 : 1) + (Join is null ? 0 : 1);
            if (kinds > 1)
            {
                return "it combines " + string.Join(" and ", Names()) + ", but a method declares one port kind";
            }

            if (_activationCount > 0 && Slot is null)
            {
                return Join is not null ? "a [Join] has its own activation and takes no [Batch], [Interval] or [ActivateWhen]"
                    : Emits is not null ? "an [Emits] method is an event and has no activation"
                    : "[Batch], [Interval] and [ActivateWhen] apply to a [Slot] method, and it has no [Slot]";
            }

            return null;
        }
    }

    private string[] Names()
    {
        var names = new System.Collections.Generic.List<string>(3);
        if (Slot is not null)
        {
            names.Add("[Slot]");
        }

        if (Emits is not null)
        {
            names.Add("[Emits]");
        }

        if (Join is not null)
        {
            names.Add("[Join]");
        }

        return names.ToArray();
    }

    public static HandlerAttributes Of(IMethodSymbol method)
    {
        var attributes = new HandlerAttributes();
        foreach (var attribute in method.GetAttributes())
        {
            var type = attribute.AttributeClass;
            if (KnownTypes.IsSlotAttribute(type))
            {
                attributes.Slot = attribute;
            }
            else if (KnownTypes.IsEmitsAttribute(type))
            {
                attributes.Emits = attribute;
            }
            else if (KnownTypes.IsJoinAttribute(type))
            {
                attributes.Join = attribute;
            }
            else if (KnownTypes.IsActivationAttribute(type))
            {
                attributes.Activation = attribute;
                attributes._activationCount++;
            }
        }

        return attributes;
    }
}
