namespace Routilux;

/// <summary>
/// Flows as JSON documents: load a flow from a definition that names its routines by their <see cref="RoutineCatalog"/>
/// names, and write a built flow back (<see cref="Flow.ToDefinitionJson"/>). Loading checks everything
/// <see cref="FlowBuilder.Build"/> checks, and each problem names its JSON path.
/// </summary>
/// <remarks>
/// <para>The format (docs/durable-state.md, "Flow definitions", has the full reference):</para>
/// <code>
/// {
///   "format": 1,
///   "id": "word-count",
///   "routines": {
///     "tok": { "type": "Tokenizer" },
///     "cnt": { "type": "WordCounter", "stateVersion": 1, "config": { "total": 0 } }
///   },
///   "connections": [ { "from": "tok.Word", "to": "cnt.Word" } ],
///   "entries": [ "tok.Text" ],
///   "policies": {
///     "onError": "continue",
///     "routines": { "cnt": { "onError": { "strategy": "retry", "maxRetries": 3, "delayMs": 100, "backoff": 2, "then": "skip" } } },
///     "slots": { "cnt.Word": { "capacity": 64, "whenFull": "dropOldest" } }
///   }
/// }
/// </code>
/// <para>
/// A routine's <c>"config"</c> is its initial state, read with its generated state serializer into every instance a
/// worker creates; its keys must be the routine's <see cref="StateAttribute"/> members.
/// </para>
/// </remarks>
public static class FlowDefinition
{
    /// <summary>The version of the format this code writes, and the newest it reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>Loads and builds a flow from its definition.</summary>
    /// <param name="json">The definition.</param>
    /// <returns>The built flow.</returns>
    /// <exception cref="RoutiluxSerializationException">The document is not JSON, its <c>"format"</c> is missing, not an integer or newer than <see cref="FormatVersion"/>, or a config is for a newer state version.</exception>
    /// <exception cref="FlowValidationException">The flow has problems: unknown routine types, ports or keys, payload mismatches, bad policy values, no entry, ...; each problem names its JSON path.</exception>
    public static Flow Load(string json) => FlowDefinitionReader.Read(json, complete: true).Build();

    /// <summary>
    /// Loads a definition into a <see cref="FlowBuilder"/>, so code can add to it (routines created with a factory, more
    /// connections, entries, policies) before <see cref="FlowBuilder.Build"/>. The document is checked as by
    /// <see cref="Load"/>, except that it may leave out entries and leave slots unconnected: <see cref="FlowBuilder.Build"/>
    /// checks those once the code has added its part.
    /// </summary>
    /// <param name="json">The definition.</param>
    /// <returns>A builder holding the definition's routines, connections, entries and policies.</returns>
    /// <exception cref="RoutiluxSerializationException">As for <see cref="Load"/>.</exception>
    /// <exception cref="FlowValidationException">As for <see cref="Load"/>, without the checks left to <see cref="FlowBuilder.Build"/>.</exception>
    public static FlowBuilder LoadBuilder(string json) => FlowDefinitionReader.Read(json, complete: false);

    /// <summary>Writes a flow as a definition; the same as <see cref="Flow.ToDefinitionJson"/>.</summary>
    /// <param name="flow">The flow.</param>
    /// <returns>The definition, indented, its members in a stable order.</returns>
    /// <exception cref="InvalidOperationException">A routine's type is not in the <see cref="RoutineCatalog"/> (a generic routine), or a policy cannot be written; the message names it.</exception>
    public static string Write(Flow flow) => FlowDefinitionWriter.Write(flow);
}
