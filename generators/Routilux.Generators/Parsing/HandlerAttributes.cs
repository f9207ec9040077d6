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
