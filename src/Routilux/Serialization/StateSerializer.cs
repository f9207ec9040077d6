using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Routilux.Serialization;

/// <summary>
/// For generated code; not part of the supported API. Writes and reads the saved state of one routine type (its
/// <see cref="StateAttribute"/> members, and the members of newer builds it did not know, kept in an overflow bag
/// on the instance and written back), and migrates older documents. The source generator writes one per routine
/// that has state and passes it to <see cref="RoutineDescriptor"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class StateSerializer
{
    /// <summary>For generated code; not part of the supported API. Creates the serializer of a state at version <paramref name="version"/>.</summary>
    /// <param name="version">The routine's <see cref="RoutineAttribute.StateVersion"/>, 1 or more.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected StateSerializer(int version)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        Version = version;
    }

    /// <summary>For generated code; not part of the supported API. The state version this code writes and reads (<see cref="RoutineAttribute.StateVersion"/>).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public int Version { get; }

    /// <summary>
    /// For generated code; not part of the supported API. The JSON names <see cref="Read"/> takes as state members: the current names, then the former ones
    /// (<see cref="StateAttribute.FormerNames"/>). Flow definitions check a routine's <c>"config"</c> against them, so
    /// a misspelt key is an error naming the known members rather than a member quietly kept in the overflow bag.
    /// Generated serializers override it; the default, <see langword="null"/>, means "not listed", and callers then
    /// take the names <see cref="Write"/> writes for a new instance.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public virtual IReadOnlyList<string>? MemberNames => null;

    /// <summary>For generated code; not part of the supported API. Writes the routine's state as one JSON object, its overflow members included.</summary>
    /// <param name="writer">The writer, positioned where a value may start.</param>
    /// <param name="routine">The routine instance; its type is the one the serializer was generated for.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public abstract void Write(Utf8JsonWriter writer, IRoutine routine);

    /// <summary>For generated code; not part of the supported API.
    /// Reads a state object of the current <see cref="Version"/> into <paramref name="routine"/>: known members
    /// (and their former names) set the members, unknown members go to the overflow bag. On entry the reader is on
    /// the object's start token; on return on its end token.
    /// </summary>
    /// <param name="reader">The reader.</param>
    /// <param name="routine">The routine instance to fill.</param>
    /// <exception cref="RoutiluxSerializationException">The JSON does not have the state's shape, or a required member is missing; the message names the member.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public abstract void Read(ref Utf8JsonReader reader, IRoutine routine);

    /// <summary>For generated code; not part of the supported API.
    /// Runs the routine's <see cref="MigrateStateAttribute"/> migrations on <paramref name="state"/>, from
    /// <paramref name="fromVersion"/> up to <see cref="Version"/>, in order.
    /// </summary>
    /// <param name="state">The state document, changed in place.</param>
    /// <param name="fromVersion">The version the document was saved with; less than <see cref="Version"/>.</param>
    /// <exception cref="RoutiluxSerializationException">A step of the chain is missing.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public abstract void Migrate(JsonObject state, int fromVersion);
}
