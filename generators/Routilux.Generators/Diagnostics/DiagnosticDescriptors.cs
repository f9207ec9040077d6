using Microsoft.CodeAnalysis;

namespace Routilux.Generators.Diagnostics;

/// <summary>
/// Every Routilux diagnostic ID. Ranges by area: 0xxx declarations, 1xxx wiring, 2xxx state and serialization,
/// 9xxx configuration and policies. An ID is never reused, and each has a page in docs/diagnostics.
/// </summary>
internal static class DiagnosticIds
{
    public const string RoutineNotPartial = "RTLX0001";
    public const string UnsupportedRoutineType = "RTLX0002";
    public const string DerivesFromRoutine = "RTLX0003";
    public const string EmptyName = "RTLX0004";
    public const string EmitsNotPartial = "RTLX0005";
    public const string EmitsSignature = "RTLX0006";
    public const string SlotSignature = "RTLX0007";
    public const string DuplicatePortName = "RTLX0008";
    public const string ConflictingAttributes = "RTLX0009";
    public const string TwoActivations = "RTLX0010";
    public const string BufferedPayload = "RTLX0011";
    public const string InvalidPredicate = "RTLX0012";
    public const string JoinTooFewPayloads = "RTLX0013";
    public const string NoCatalogConstructor = "RTLX0014";
    public const string PortOutsideRoutine = "RTLX0015";
    public const string LanguageVersionTooLow = "RTLX0016";

    public const string UnconnectedSlot = "RTLX1001";
    public const string UnconnectedEvent = "RTLX1002";
    public const string PayloadMismatch = "RTLX1003";
    public const string UnknownPort = "RTLX1004";
    public const string DuplicateRoutineId = "RTLX1005";
    public const string ForeignPort = "RTLX1006";
    public const string NoConstructorWithoutFactory = "RTLX1007";
    public const string DuplicateConnection = "RTLX1008";
    public const string NoEntry = "RTLX1009";

    public const string UnsupportedType = "RTLX2001";
    public const string StateMemberNotReadable = "RTLX2002";
    public const string MigrationSignature = "RTLX2003";

    public const string InvalidRetrySetting = "RTLX9001";
    public const string InvalidActivationSetting = "RTLX9002";
    public const string UnrepresentableMilliseconds = "RTLX9003";
    public const string NegativeCapacity = "RTLX9004";
    public const string InvalidPolicyArgument = "RTLX9005";
}

/// <summary>The descriptor of every Routilux diagnostic: one place for titles, messages, severities and help links.</summary>
internal static class DiagnosticDescriptors
{
    private const string Declarations = "Routilux.Declarations";
    private const string Wiring = "Routilux.Wiring";
    private const string Policies = "Routilux.Policies";
    private const string State = "Routilux.State";

    /// <summary>Each ID's page: docs/diagnostics/RTLXnnnn.md in the repository.</summary>
    private const string HelpLinkBase = "https://github.com/routilux/routilux-dotnet/blob/main/docs/diagnostics/";

    public static readonly DiagnosticDescriptor RoutineNotPartial = new(
        DiagnosticIds.RoutineNotPartial, "Routine type must be partial",
        "Type '{0}' must be declared partial so the generator can complete routine '{1}'",
        Declarations, DiagnosticSeverity.Error, true,
        "The generator adds the routine's descriptor, dispatch and emit bodies in another part of the class, so the class and every type enclosing it must be partial.",
        HelpLinkBase + DiagnosticIds.RoutineNotPartial + ".md");

    public static readonly DiagnosticDescriptor UnsupportedRoutineType = new(
        DiagnosticIds.UnsupportedRoutineType, "Routine must be a non-static, non-record class",
        "'{0}' cannot be a routine because it is {1}; declare a partial class",
        Declarations, DiagnosticSeverity.Error, true,
        "A routine is a live object with state that the generator completes in a generated part, so it is a non-static, non-record class that is not file-local.",
        HelpLinkBase + DiagnosticIds.UnsupportedRoutineType + ".md");

    public static readonly DiagnosticDescriptor DerivesFromRoutine = new(
        DiagnosticIds.DerivesFromRoutine, "Routine derives from another routine",
        "Routine '{0}' derives from routine '{1}', and routines cannot inherit ports; share code through a base class without [Routine] or through composition",
        Declarations, DiagnosticSeverity.Error, true,
        "Each routine's descriptor lists exactly its own ports, so a [Routine] class cannot derive from another [Routine] class.",
        HelpLinkBase + DiagnosticIds.DerivesFromRoutine + ".md");

    public static readonly DiagnosticDescriptor EmptyName = new(
        DiagnosticIds.EmptyName, "Name is empty",
        "The {0} name given for '{1}' is empty; remove Name to use the default or give a non-empty name",
        Declarations, DiagnosticSeverity.Error, true,
        "Routine, slot and event names appear in flows, messages and hosts, so a Name argument must not be empty or white space.",
        HelpLinkBase + DiagnosticIds.EmptyName + ".md");

    public static readonly DiagnosticDescriptor EmitsNotPartial = new(
        DiagnosticIds.EmitsNotPartial, "[Emits] method must be a partial declaration without a body",
        "[Emits] method '{0}' must be a partial declaration without a body because the generator writes its body, but {1}",
        Declarations, DiagnosticSeverity.Error, true,
        "Calling an [Emits] method sends its arguments as a message; the generator implements it, so it is declared 'partial' without a body.",
        HelpLinkBase + DiagnosticIds.EmitsNotPartial + ".md");

    public static readonly DiagnosticDescriptor EmitsSignature = new(
        DiagnosticIds.EmitsSignature, "[Emits] method has an unsupported signature",
        "[Emits] method '{0}' cannot be an event because {1}",
        Declarations, DiagnosticSeverity.Error, true,
        "An event is a non-generic instance method returning void or ValueTask whose parameters can be carried in a message (no ref, out, ref struct or pointer parameters).",
        HelpLinkBase + DiagnosticIds.EmitsSignature + ".md");

    public static readonly DiagnosticDescriptor SlotSignature = new(
        DiagnosticIds.SlotSignature, "Slot handler has an unsupported signature",
        "Handler '{0}' cannot be a slot because {1}",
        Declarations, DiagnosticSeverity.Error, true,
        "A slot handler is a non-generic instance method returning void, Task or ValueTask whose parameters can be filled from a queued message (no ref, out, ref struct or pointer parameters).",
        HelpLinkBase + DiagnosticIds.SlotSignature + ".md");

    public static readonly DiagnosticDescriptor DuplicatePortName = new(
        DiagnosticIds.DuplicatePortName, "Port name used twice in a routine",
        "The {1} name '{0}' is used twice in this routine; give each slot and event its own name",
        Declarations, DiagnosticSeverity.Error, true,
        "Flows name ports as \"routine.Port\" and each port gets an extension method of its name, so two slots, two events, a join slot and an event, or two port methods cannot share a name.",
        HelpLinkBase + DiagnosticIds.DuplicatePortName + ".md");

    public static readonly DiagnosticDescriptor ConflictingAttributes = new(
        DiagnosticIds.ConflictingAttributes, "Routilux attributes conflict on one method",
        "Method '{0}' cannot be a port because {1}",
        Declarations, DiagnosticSeverity.Error, true,
        "A method is one slot ([Slot]), one event ([Emits]) or one join ([Join]); activation attributes go on a [Slot] only.",
        HelpLinkBase + DiagnosticIds.ConflictingAttributes + ".md");

    public static readonly DiagnosticDescriptor TwoActivations = new(
        DiagnosticIds.TwoActivations, "Slot has more than one activation attribute",
        "Slot '{0}' has more than one of [Batch], [Interval] and [ActivateWhen]; keep one",
        Declarations, DiagnosticSeverity.Error, true,
        "A slot's handler runs under one activation: Batch, Interval or a custom predicate.",
        HelpLinkBase + DiagnosticIds.TwoActivations + ".md");

    public static readonly DiagnosticDescriptor BufferedPayload = new(
        DiagnosticIds.BufferedPayload, "Buffered slot must take one IReadOnlyList<T>",
        "Slot '{0}' has {1}, so its handler receives the buffered messages as a list, but its payload is not one IReadOnlyList<T> parameter",
        Declarations, DiagnosticSeverity.Error, true,
        "With [Batch], [Interval] or [ActivateWhen] the handler receives several messages at once; its single payload parameter is an IReadOnlyList<T>, and T is the slot's payload type.",
        HelpLinkBase + DiagnosticIds.BufferedPayload + ".md");

    public static readonly DiagnosticDescriptor InvalidPredicate = new(
        DiagnosticIds.InvalidPredicate, "[ActivateWhen] predicate is missing or has the wrong signature",
        "The routine has no method 'bool {0}(ActivationState state)' for the [ActivateWhen] of slot '{1}'; declare one in the routine class",
        Declarations, DiagnosticSeverity.Error, true,
        "The predicate named by [ActivateWhen] is a non-generic method of the routine class itself, instance or static, taking an ActivationState and returning bool.",
        HelpLinkBase + DiagnosticIds.InvalidPredicate + ".md");

    public static readonly DiagnosticDescriptor JoinTooFewPayloads = new(
        DiagnosticIds.JoinTooFewPayloads, "Join needs at least two payload parameters",
        "Join '{0}' has {1} payload parameter(s), and a join pairs messages from two or more slots; use [Slot] for one input",
        Declarations, DiagnosticSeverity.Error, true,
        "Each payload parameter of a [Join] method is a slot of its own; the method runs with one message from each, so it needs at least two.",
        HelpLinkBase + DiagnosticIds.JoinTooFewPayloads + ".md");

    public static readonly DiagnosticDescriptor NoCatalogConstructor = new(
        DiagnosticIds.NoCatalogConstructor, "Routine has no constructor the catalog can use",
        "Routine '{0}' has no accessible parameterless constructor, so hosts and JSON flows cannot create it by name; add it to flows with a factory",
        Declarations, DiagnosticSeverity.Info, true,
        "Without a public or internal parameterless constructor (that sets every required member), the catalog cannot create the routine by name; flow.Add(\"id\", () => new Routine(...)) still works.",
        HelpLinkBase + DiagnosticIds.NoCatalogConstructor + ".md");

    public static readonly DiagnosticDescriptor PortOutsideRoutine = new(
        DiagnosticIds.PortOutsideRoutine, "Port attribute outside a routine",
        "{1} on '{0}' has no effect because '{2}' is not marked [Routine]",
        Declarations, DiagnosticSeverity.Warning, true,
        "[Slot], [Emits], [Join] and the activation attributes are read only on methods of a [Routine] class.",
        HelpLinkBase + DiagnosticIds.PortOutsideRoutine + ".md");

    public static readonly DiagnosticDescriptor LanguageVersionTooLow = new(
        DiagnosticIds.LanguageVersionTooLow, "Routilux needs C# 11 or later",
        "Routine '{0}' cannot be generated because this project compiles as C# {1}, and Routilux needs C# {2} or later; set <LangVersion> to {2} or later, or remove it to use the default of the target framework",
        Declarations, DiagnosticSeverity.Error, true,
        "The generated code implements static abstract interface members (C# 11), which flows use to add routines by type without reflection. net8.0 projects default to C# 12.",
        HelpLinkBase + DiagnosticIds.LanguageVersionTooLow + ".md");

    public static readonly DiagnosticDescriptor UnconnectedSlot = new(
        DiagnosticIds.UnconnectedSlot, "Slot is never connected",
        "Slot '{0}' of routine '{1}' in {2} is never connected and is not an entry, so its handler can never run. Connect an event to it, mark it with Entry, or declare it [Slot(Optional = true)].",
        Wiring, DiagnosticSeverity.Error, true,
        "FlowBuilder.Build rejects a flow with a slot that is neither connected, an entry, nor optional; this reports it as you type.",
        HelpLinkBase + DiagnosticIds.UnconnectedSlot + ".md");

    public static readonly DiagnosticDescriptor UnconnectedEvent = new(
        DiagnosticIds.UnconnectedEvent, "Event is never connected",
        "Event '{0}' of routine '{1}' in {2} is never connected, so what it emits goes nowhere",
        Wiring, DiagnosticSeverity.Info, true,
        "An event without connections is allowed, but what the routine emits on it is discarded.",
        HelpLinkBase + DiagnosticIds.UnconnectedEvent + ".md");

    public static readonly DiagnosticDescriptor PayloadMismatch = new(
        DiagnosticIds.PayloadMismatch, "Connected ports have different payload types",
        "Cannot connect '{0}' ({1}) to '{2}' ({3}) because the payload types differ",
        Wiring, DiagnosticSeverity.Error, true,
        "Connections made by name are type-checked only when the flow is built; this reports a mismatch as you type. Typed ports (flow.Connect(a.Out(), b.In())) are checked by the compiler.",
        HelpLinkBase + DiagnosticIds.PayloadMismatch + ".md");

    public static readonly DiagnosticDescriptor UnknownPort = new(
        DiagnosticIds.UnknownPort, "Unknown routine or port",
        "'{0}' names {1}",
        Wiring, DiagnosticSeverity.Error, true,
        "A reference by name (\"routine.Port\") must name a routine added to the flow and one of its slots or events.",
        HelpLinkBase + DiagnosticIds.UnknownPort + ".md");

    public static readonly DiagnosticDescriptor DuplicateRoutineId = new(
        DiagnosticIds.DuplicateRoutineId, "Routine id used twice in a flow",
        "Routine id '{0}' is already used in {1}; routine ids must be unique within a flow",
        Wiring, DiagnosticSeverity.Error, true,
        "FlowBuilder.Build rejects a flow in which two routines share an id.",
        HelpLinkBase + DiagnosticIds.DuplicateRoutineId + ".md");

    public static readonly DiagnosticDescriptor ForeignPort = new(
        DiagnosticIds.ForeignPort, "Port of a routine from another flow",
        "'{0}' belongs to routine '{1}' of another FlowBuilder, not of {2}; add the routine to this flow and use its handle",
        Wiring, DiagnosticSeverity.Error, true,
        "Handles and ports belong to the FlowBuilder that added the routine; using them with another builder is reported by Build.",
        HelpLinkBase + DiagnosticIds.ForeignPort + ".md");

    public static readonly DiagnosticDescriptor NoConstructorWithoutFactory = new(
        DiagnosticIds.NoConstructorWithoutFactory, "Routine added without a factory has no usable constructor",
        "Routine '{0}' ({1}) has no accessible parameterless constructor; add it with a factory: Add(\"{0}\", () => new {1}(...))",
        Wiring, DiagnosticSeverity.Error, true,
        "Add<TRoutine>(id) creates the routine with its parameterless constructor; without one, FlowBuilder.Build fails.",
        HelpLinkBase + DiagnosticIds.NoConstructorWithoutFactory + ".md");

    public static readonly DiagnosticDescriptor DuplicateConnection = new(
        DiagnosticIds.DuplicateConnection, "Connection made twice",
        "'{0}' is already connected to '{1}'; each message would be delivered twice, and Build rejects it",
        Wiring, DiagnosticSeverity.Error, true,
        "FlowBuilder.Build rejects a connection made twice.",
        HelpLinkBase + DiagnosticIds.DuplicateConnection + ".md");

    public static readonly DiagnosticDescriptor NoEntry = new(
        DiagnosticIds.NoEntry, "Flow has no entry",
        "{0} has no entry slot, so no job can be started; mark one with Entry",
        Wiring, DiagnosticSeverity.Error, true,
        "Jobs are started by posting to entry slots; FlowBuilder.Build rejects a flow without one.",
        HelpLinkBase + DiagnosticIds.NoEntry + ".md");

    public static readonly DiagnosticDescriptor InvalidRetrySetting = new(
        DiagnosticIds.InvalidRetrySetting, "Invalid retry setting",
        "[OnError] on '{0}': {1}",
        Policies, DiagnosticSeverity.Error, true,
        "Retry settings are checked when a flow is built; a literal that can never be valid is reported here instead.",
        HelpLinkBase + DiagnosticIds.InvalidRetrySetting + ".md");

    public static readonly DiagnosticDescriptor InvalidActivationSetting = new(
        DiagnosticIds.InvalidActivationSetting, "Invalid activation setting",
        "{0} on slot '{1}': {2}",
        Policies, DiagnosticSeverity.Error, true,
        "Batch sizes are at least 1, batch waits are not negative, and intervals are positive.",
        HelpLinkBase + DiagnosticIds.InvalidActivationSetting + ".md");

    public static readonly DiagnosticDescriptor UnrepresentableMilliseconds = new(
        DiagnosticIds.UnrepresentableMilliseconds, "Milliseconds are not a valid TimeSpan",
        "{0} is {1}, which no TimeSpan can hold, so '{2}' would fail to initialize; use a finite number of milliseconds",
        Policies, DiagnosticSeverity.Error, true,
        "Millisecond settings become TimeSpans when the routine's descriptor is created; NaN, infinity or a value beyond TimeSpan's range would make the type initializer throw.",
        HelpLinkBase + DiagnosticIds.UnrepresentableMilliseconds + ".md");

    public static readonly DiagnosticDescriptor NegativeCapacity = new(
        DiagnosticIds.NegativeCapacity, "Queue capacity is negative",
        "Capacity of '{0}' is {1}; use a positive capacity, or 0 for the default",
        Policies, DiagnosticSeverity.Error, true,
        "A slot's queue holds at least one message; Capacity = 0 means the runtime's default (1000).",
        HelpLinkBase + DiagnosticIds.NegativeCapacity + ".md");

    public static readonly DiagnosticDescriptor InvalidPolicyArgument = new(
        DiagnosticIds.InvalidPolicyArgument, "Invalid policy argument",
        "{0}: {1}",
        Policies, DiagnosticSeverity.Warning, true,
        "Policies created in code are checked when the flow is built; a literal argument that can never be valid is reported here instead.",
        HelpLinkBase + DiagnosticIds.InvalidPolicyArgument + ".md");

    public static readonly DiagnosticDescriptor UnsupportedType = new(
        DiagnosticIds.UnsupportedType, "Type cannot be saved as JSON",
        "The {0} of routine '{1}' cannot be saved: '{2}' at '{3}' {4}; change the type to a supported shape, or list it with [JsonSerializable(typeof({2}))] on a JsonSerializerContext named by [assembly: RoutiluxJsonContext]",
        State, DiagnosticSeverity.Error, true,
        "Checkpoints save queued payloads and routine state with serializers the generator writes at compile time. A type outside the supported shapes (see docs/durable-state.md) must be covered by the assembly's JsonSerializerContext, or it would fail only when a checkpoint is taken.",
        HelpLinkBase + DiagnosticIds.UnsupportedType + ".md");

    public static readonly DiagnosticDescriptor StateMemberNotReadable = new(
        DiagnosticIds.StateMemberNotReadable, "State member cannot be restored",
        "State member '{0}' of routine '{1}' {2}",
        State, DiagnosticSeverity.Error, true,
        "Resuming a routine sets each state member from the checkpoint, so a state member must be settable, or a readonly List<T> or Dictionary<string, T> that is filled in place.",
        HelpLinkBase + DiagnosticIds.StateMemberNotReadable + ".md");

    public static readonly DiagnosticDescriptor MigrationSignature = new(
        DiagnosticIds.MigrationSignature, "[MigrateState] method has the wrong signature",
        "[MigrateState] method '{0}' of routine '{1}' must be 'static void {0}(System.Text.Json.Nodes.JsonObject state)'",
        State, DiagnosticSeverity.Error, true,
        "A migration changes the saved JSON tree in place; the generated state serializer calls it as a static method taking the state's JsonObject.",
        HelpLinkBase + DiagnosticIds.MigrationSignature + ".md");
}
