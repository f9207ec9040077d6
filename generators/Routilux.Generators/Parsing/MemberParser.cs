using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Routilux.Generators.Model;

namespace Routilux.Generators.Parsing;

/// <summary>
/// Reads a routine's [Slot], [Join] and [Emits] methods into its slots and events, in declaration order. Null when
/// one of them is invalid or two ports share a name; every such problem is recorded when a collector is given.
/// </summary>
internal static class MemberParser
{
    public static (EquatableArray<SlotSpec> Slots, EquatableArray<EventSpec> Events)? Parse(
        INamedTypeSymbol type, ParseProblems? problems, CancellationToken cancellationToken)
    {
        var names = new PortNames();
        var slots = new List<SlotSpec>();
        var events = new List<EventSpec>();
        var valid = true;
        foreach (var member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member is not IMethodSymbol method)
            {
                continue;
            }

            var attributes = HandlerAttributes.Of(method);
            if (!attributes.Any)
            {
                continue;
            }

            if (!attributes.IsConsistent)
            {
                valid = attributes.HasTwoActivations
                    ? problems.Refuse(ProblemKind.TwoActivations, method, method.Name)
                    : problems.Refuse(ProblemKind.ConflictingAttributes, method, method.Name, attributes.Conflict ?? string.Empty);
                continue;
            }

            if (attributes.Slot is { } slotAttribute)
            {
                var slot = HandlerParser.Slot(method, slotAttribute, attributes.Activation, slots.Count, cancellationToken, problems);
                valid &= slot is not null && names.AddSlot(slot, method, problems);
                if (slot is not null)
                {
                    slots.Add(slot);
                }
            }
            else if (attributes.Join is { } joinAttribute)
            {
                var joinSlots = JoinParser.Slots(method, joinAttribute, slots.Count, cancellationToken, problems);
                valid &= joinSlots is not null;
                foreach (var slot in joinSlots ?? new List<SlotSpec>())
                {
                    valid &= names.AddSlot(slot, method, problems);
                    names.AddJoinSlot(slot.Name, method);
                    slots.Add(slot);
                }
            }
            else
            {
                var emit = HandlerParser.Emit(method, attributes.Emits!, events.Count, cancellationToken, problems);
                valid &= emit is not null && names.AddEvent(emit, method, problems);
                if (emit is not null)
                {
                    events.Add(emit);
                }
            }
        }

        valid &= names.JoinSlotsDifferFromEvents(problems);
        return valid ? (new EquatableArray<SlotSpec>(slots.ToArray()), new EquatableArray<EventSpec>(events.ToArray())) : null;
    }

    /// <summary>The names a routine's ports take, which must not repeat.</summary>
    private sealed class PortNames
    {
        // Port extension methods are named after the C# methods (a join slot's after the slot), so overloads
        // would clash; so would two ports of one kind with the same flow name.
        private readonly HashSet<string> _portMethods = new(StringComparer.Ordinal);
        private readonly HashSet<string> _slots = new(StringComparer.Ordinal);
        private readonly HashSet<string> _events = new(StringComparer.Ordinal);
        private readonly List<(string Name, IMethodSymbol Method)> _joinSlots = new();

        public bool AddSlot(SlotSpec slot, IMethodSymbol method, ParseProblems? problems) =>
            Add(_slots, "slot", slot.Name, slot.PortMethodName, method, problems);

        public bool AddEvent(EventSpec emit, IMethodSymbol method, ParseProblems? problems) =>
            Add(_events, "event", emit.Name, emit.MethodName, method, problems);

        public void AddJoinSlot(string name, IMethodSymbol method) => _joinSlots.Add((name, method));

        /// <summary>
        /// A join's slot names are made up from its parameters, so one that equals an event's name is refused too:
        /// a reader of the flow could not tell the two apart.
        /// </summary>
        public bool JoinSlotsDifferFromEvents(ParseProblems? problems)
        {
            var valid = true;
            foreach (var (name, method) in _joinSlots)
            {
                if (_events.Contains(name))
                {
                    valid = problems.Refuse(ProblemKind.DuplicateName, method, name, "join slot and event");
                }
            }

            return valid;
        }

        /// <summary>Adds a port's flow name and port method name; one problem when either was taken.</summary>
        private bool Add(HashSet<string> names, string kind, string name, string portMethod, IMethodSymbol method, ParseProblems? problems)
        {
            var nameIsNew = names.Add(name);
            var portMethodIsNew = _portMethods.Add(portMethod);
            return (nameIsNew && portMethodIsNew)
                || problems.Refuse(ProblemKind.DuplicateName, method, nameIsNew ? portMethod : name, nameIsNew ? "port method" : kind);
        }
    }
}
