namespace Routilux;

/// <summary>
/// A saved or exchanged Routilux document (a checkpoint, a flow definition, a routine's state or a payload) could not
/// be read: bad JSON, a missing or unknown format version, a version newer than this code, a checksum that does not
/// match, or a value of the wrong shape. The message names the document (worker and checkpoint sequence, or flow)
/// and what to do.
/// </summary>
public sealed class RoutiluxSerializationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RoutiluxSerializationException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What could not be read and what to do.</param>
    public RoutiluxSerializationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error underneath.</summary>
    /// <param name="message">What could not be read and what to do.</param>
    /// <param name="innerException">The error underneath, for example a <see cref="System.Text.Json.JsonException"/>.</param>
    public RoutiluxSerializationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
