using System.ComponentModel;

namespace Routilux;

/// <summary>
/// Describes a routine type: its name, slots, events and how to create an instance. The source generator writes
/// one per <see cref="RoutineAttribute"/> class, so nothing here needs reflection.
/// </summary>
public sealed class RoutineDescriptor
{
    private readonly Func<IRoutine>? _factory;

    /// <summary>For generated code; not part of the supported API. Creates a routine's descriptor.</summary>
    /// <param name="name">The catalog name (the class name unless <see cref="RoutineAttribute.Name"/> is set).</param>
    /// <param name="routineType">The routine's class.</param>
    /// <param name="summary">The XML doc summary of the class, or an empty string.</param>
    /// <param name="slots">The slots, in declaration order.</param>
    /// <param name="events">The events, in declaration order.</param>
    /// <param name="factory">Creates an instance, or <see langword="null"/> when the class has no accessible parameterless constructor.</param>
    /// <param name="errorPolicy">The routine's own error policy (<see cref="OnErrorAttribute"/>), or <see langword="null"/> to follow the flow's.</param>
    /// <param name="stateSerializer">Writes, reads and migrates the routine's <see cref="StateAttribute"/> members, or <see langword="null"/> when it has none.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public RoutineDescriptor(
        string name, Type routineType, string summary, SlotDescriptor[] slots, EventDescriptor[] events, Func<IRoutine>? factory,
        ErrorPolicy? errorPolicy = null, Serialization.StateSerializer? stateSerializer = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(routineType);
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentNullException.ThrowIfNull(events);
        Name = name;
        RoutineType = routineType;
        Summary = summary ?? string.Empty;
        Slots = slots;
        Events = events;
        _factory = factory;
        ErrorPolicy = errorPolicy;
        StateSerializer = stateSerializer;
    }

    /// <summary>Whether the routine has saved state (<see cref="StateAttribute"/> members) that checkpoints write.</summary>
    public bool HasState => StateSerializer is not null;

    /// <summary>The version of the routine's saved state (<see cref="RoutineAttribute.StateVersion"/>); 1 when it has none.</summary>
    public int StateVersion => StateSerializer?.Version ?? 1;

    /// <summary>Writes, reads and migrates the routine's state, or <see langword="null"/> when it has none.</summary>
    internal Serialization.StateSerializer? StateSerializer { get; }

    /// <summary>The routine's own error policy, or <see langword="null"/> when it follows the flow's.</summary>
    public ErrorPolicy? ErrorPolicy { get; }

    /// <summary>The name the routine is registered under in the <see cref="RoutineCatalog"/>.</summary>
    public string Name { get; }

    /// <summary>The routine's class.</summary>
    public Type RoutineType { get; }

    /// <summary>The XML doc summary of the routine class, or an empty string.</summary>
    public string Summary { get; }

    /// <summary>The routine's slots (inputs), in declaration order.</summary>
    public IReadOnlyList<SlotDescriptor> Slots { get; }

    /// <summary>The routine's events (outputs), in declaration order.</summary>
    public IReadOnlyList<EventDescriptor> Events { get; }

    /// <summary>Whether <see cref="CreateInstance"/> can create the routine without a factory from the caller.</summary>
    public bool CanCreateInstance => _factory is not null;

    /// <summary>Creates a new instance of the routine with its parameterless constructor.</summary>
    /// <exception cref="InvalidOperationException">The routine has no accessible parameterless constructor.</exception>
    public IRoutine CreateInstance()
    {
        if (_factory is null)
        {
            throw new InvalidOperationException(
                $"Routine '{Name}' ({RoutineType.FullName}) has no accessible parameterless constructor, so it cannot be created by name. " +
                "Add a public parameterless constructor, or pass a factory when adding it to a flow: flow.Add(\"id\", () => new ...).");
        }

        return _factory();
    }

    /// <summary>Finds a slot by name.</summary>
    /// <returns>The slot, or <see langword="null"/> when the routine has no slot of that name.</returns>
    public SlotDescriptor? FindSlot(string name)
    {
        foreach (var slot in Slots)
        {
            if (string.Equals(slot.Name, name, StringComparison.Ordinal))
            {
                return slot;
            }
        }

        return null;
    }

    /// <summary>Finds an event by name.</summary>
    /// <returns>The event, or <see langword="null"/> when the routine has no event of that name.</returns>
    public EventDescriptor? FindEvent(string name)
    {
        foreach (var @event in Events)
        {
            if (string.Equals(@event.Name, name, StringComparison.Ordinal))
            {
                return @event;
            }
        }

        return null;
    }

    /// <summary>
    /// Writes the routine type's docs as GitHub-flavoured Markdown: its name, class and summary from its XML docs,
    /// its declared error policy, and tables of its slots (payload, parameters, declared capacity and queue policy,
    /// activation, summary) and events. <see cref="FlowDescription.ToMarkdown"/> documents a whole flow.
    /// </summary>
    public string ToMarkdown() => MarkdownWriter.Write(this);

    /// <inheritdoc />
    public override string ToString() => Name;
}
