using System.ComponentModel;
using System.Text.Json;

namespace Routilux.Serialization;

/// <summary>
/// For generated code; not part of the supported API. Writes and reads one slot's payload type as JSON, typed so a
/// value-type payload is never boxed. The source generator writes one per payload type it handles (or one that
/// delegates to the assembly's <see cref="RoutiluxJsonContextAttribute"/> context), and passes it to
/// <see cref="SlotDescriptor.Create{T}"/>. Checkpoints write queued messages with it; hosts read JSON for a slot with it.
/// </summary>
/// <typeparam name="T">The payload type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class PayloadSerializer<T>
{
    /// <summary>For generated code; not part of the supported API. Creates the serializer.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected PayloadSerializer()
    {
    }

    /// <summary>For generated code; not part of the supported API. Writes <paramref name="value"/> as one JSON value.</summary>
    /// <param name="writer">The writer, positioned where a value may start.</param>
    /// <param name="value">The payload.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public abstract void Write(Utf8JsonWriter writer, T value);

    /// <summary>For generated code; not part of the supported API.
    /// Reads one JSON value. On entry the reader is on the value's first token; on return it is on the value's last
    /// token (the convention of System.Text.Json's converters).
    /// </summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The payload.</returns>
    /// <exception cref="RoutiluxSerializationException">The JSON does not have the payload's shape; the message names the member and what was expected.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public abstract T Read(ref Utf8JsonReader reader);
}
