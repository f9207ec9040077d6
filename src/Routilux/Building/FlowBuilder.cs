namespace Routilux;

/// <summary>
/// Builds a <see cref="Flow"/>: add routines by id, connect their events to slots with typed ports, mark entry
/// slots, then <see cref="Build"/>. Mistakes are collected and reported together by <see cref="Build"/>.
/// </summary>
/// <example>
/// <code>
/// var flow = new FlowBuilder("word-count");
/// var tok = flow.Add&lt;Tokenizer&gt;("tokenizer");
/// var cnt = flow.Add&lt;Counter&gt;("counter");
/// flow.Connect(tok.Word(), cnt.Word());
/// flow.Entry(tok.Text());
/// Flow built = flow.Build();
/// </code>
/// </example>
public sealed partial class FlowBuilder
{
    private readonly List<RoutineNode> _routines = new();
    private readonly List<PendingConnection> _connections = new();
    private readonly List<PortReference> _entries = new();
    private readonly List<(PortReference Slot, int Capacity)> _capacities = new();
    private readonly List<string> _problems = new();

    // Targets of connections whose source could not be read, and how many entries were attempted: what the user
    // meant, so that Build reports the root cause only, not a knock-on "not connected" or "no entry".
    private readonly List<PortReference> _mentionedTargets = new();
    private int _entryAttempts;

    /// <summary>Starts a flow definition.</summary>
    /// <param name="id">The flow's id, used in errors, logs and hosts.</param>
    public FlowBuilder(string id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new ArgumentException("A flow needs a non-empty id, for example new FlowBuilder(\"word-count\").", nameof(id));
        }

        Id = id;
    }

    /// <summary>The flow's id.</summary>
    public string Id { get; }

    /// <summary>Adds a routine created with its parameterless constructor for every worker.</summary>
    /// <typeparam name="TRoutine">A <see cref="RoutineAttribute"/> class.</typeparam>
    /// <param name="id">The routine's id, unique within the flow.</param>
    /// <returns>A handle whose generated extension methods give the routine's typed ports.</returns>
    public RoutineHandle<TRoutine> Add<TRoutine>(string id)
        where TRoutine : class, IRoutineDefinition<TRoutine>
    {
        var descriptor = TRoutine.Descriptor;
        if (!descriptor.CanCreateInstance)
        {
            _problems.Add(
                $"Routine '{id}' ({descriptor.RoutineType.FullName}) has no accessible parameterless constructor. Add one, or add the routine " +
                $"with a factory: flow.Add(\"{id}\", () => new {descriptor.RoutineType.Name}(...)).");
        }

        return Add<TRoutine>(id, descriptor, descriptor.CreateInstance);
    }

    /// <summary>Adds a routine created by <paramref name="factory"/> for every worker.</summary>
    /// <typeparam name="TRoutine">A <see cref="RoutineAttribute"/> class.</typeparam>
    /// <param name="id">The routine's id, unique within the flow.</param>
    /// <param name="factory">Creates a new instance; called once per worker.</param>
    /// <returns>A handle whose generated extension methods give the routine's typed ports.</returns>
    public RoutineHandle<TRoutine> Add<TRoutine>(string id, Func<TRoutine> factory)
        where TRoutine : class, IRoutineDefinition<TRoutine>
    {
        ArgumentNullException.ThrowIfNull(factory);
        return Add<TRoutine>(id, TRoutine.Descriptor, factory);
    }

    /// <summary>Connects an event to a slot: every message emitted on the event is delivered to the slot.</summary>
    /// <typeparam name="T">The payload type, the same on both sides.</typeparam>
    /// <param name="from">The event, for example <c>tokenizer.Word()</c>.</param>
    /// <param name="to">The slot, for example <c>counter.Word()</c>.</param>
    /// <returns>This builder.</returns>
    /// <remarks>
    /// Ports of different payload types do not compile (the compiler cannot infer <typeparamref name="T"/>); the
    /// Routilux analyzers then report RTLX1003 naming both payload types.
    /// </remarks>
    public FlowBuilder Connect<T>(EventPort<T> from, SlotPort<T> to)
    {
        var source = Reference(from.Node, from.Event?.Name, "Connect");
        var target = Reference(to.Node, to.Slot?.Name, "Connect");
        AddConnection(source, target);
        return this;
    }

    /// <summary>
    /// Connects an event to a slot by name, as flow definitions do: <c>ConnectByName("tokenizer.Word", "counter.Word")</c>.
    /// The names and payload types are checked by <see cref="Build"/> (and by the analyzers as you type); prefer
    /// <see cref="Connect{T}(EventPort{T}, SlotPort{T})"/>, which the compiler checks.
    /// </summary>
    /// <param name="from">"routineId.EventName".</param>
    /// <param name="to">"routineId.SlotName".</param>
    /// <returns>This builder.</returns>
    public FlowBuilder ConnectByName(string from, string to)
    {
        var source = Parse(from, "event", nameof(ConnectByName));
        var target = Parse(to, "slot", nameof(ConnectByName));
        AddConnection(source, target);
        return this;
    }

    /// <summary>Marks a slot as an entry: jobs are started by posting to entry slots.</summary>
    /// <typeparam name="T">The slot's payload type.</typeparam>
    /// <param name="slot">The slot, for example <c>tokenizer.Text()</c>.</param>
    /// <returns>This builder.</returns>
    public FlowBuilder Entry<T>(SlotPort<T> slot)
    {
        AddEntry(Reference(slot.Node, slot.Slot?.Name, "Entry"));
        return this;
    }

    /// <summary>
    /// Marks a slot as an entry by name, as flow definitions do: <c>EntryByName("tokenizer.Text")</c>. The name is
    /// checked by <see cref="Build"/>; prefer <see cref="Entry{T}(SlotPort{T})"/>.
    /// </summary>
    /// <param name="slot">"routineId.SlotName".</param>
    /// <returns>This builder.</returns>
    public FlowBuilder EntryByName(string slot)
    {
        AddEntry(Parse(slot, "slot", nameof(EntryByName)));
        return this;
    }

    /// <summary>Sets the queue capacity of a slot in this flow, overriding <see cref="SlotAttribute.Capacity"/>.</summary>
    /// <typeparam name="T">The slot's payload type.</typeparam>
    /// <param name="slot">The slot.</param>
    /// <param name="capacity">The most messages the queue holds; at least 1.</param>
    /// <returns>This builder.</returns>
    public FlowBuilder SetCapacity<T>(SlotPort<T> slot, int capacity)
    {
        var reference = Reference(slot.Node, slot.Slot?.Name, nameof(SetCapacity));
        if (reference is null)
        {
            return this;
        }

        if (capacity < 1)
        {
            _problems.Add($"Slot '{reference.Value}' was given capacity {capacity}; a queue capacity must be at least 1.");
        }
        else
        {
            _capacities.Add((reference.Value, capacity));
        }

        return this;
    }

    /// <summary>
    /// Records a connection. When one end could not be read, its problem is already recorded, and the other end is
    /// kept as mentioned: the connection was meant, so a slot it targets is not reported as unconnected too.
    /// </summary>
    private void AddConnection(PortReference? source, PortReference? target)
    {
        if (source is not null && target is not null)
        {
            _connections.Add(new PendingConnection(source.Value, target.Value));
        }
        else if (target is not null)
        {
            _mentionedTargets.Add(target.Value);
        }
    }

    /// <summary>Records an entry; a failed one still counts as an attempt, so "no entry" is not reported on top of its problem.</summary>
    private void AddEntry(PortReference? reference)
    {
        _entryAttempts++;
        if (reference is not null)
        {
            _entries.Add(reference.Value);
        }
    }

    private RoutineHandle<TRoutine> Add<TRoutine>(string id, RoutineDescriptor descriptor, Func<IRoutine> factory)
        where TRoutine : class, IRoutineDefinition<TRoutine> =>
        new(AddNode(id, descriptor, factory, initialState: null));

    /// <summary>Records a routine under <paramref name="id"/>, or a problem with the id; the node is added either way, so its ports still resolve.</summary>
    private RoutineNode AddNode(string id, RoutineDescriptor descriptor, Func<IRoutine> factory, RoutineInitialState? initialState)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            _problems.Add($"A routine of type '{descriptor.Name}' was added with an empty id; give every routine a unique, non-empty id.");
            id = $"<empty #{_routines.Count}>";
        }
        else if (id.Contains('.', StringComparison.Ordinal))
        {
            _problems.Add($"Routine id '{id}' contains '.', which separates routine and port names in \"routine.Port\" references; choose an id without dots.");
        }
        else if (_routines.Exists(r => r.Id == id))
        {
            _problems.Add($"Routine id '{id}' is used twice (types '{_routines.Find(r => r.Id == id)!.Descriptor.Name}' and '{descriptor.Name}'); routine ids must be unique within a flow.");
        }

        var node = new RoutineNode(this, _routines.Count, id, descriptor, factory, initialState);
        _routines.Add(node);
        return node;
    }
}
