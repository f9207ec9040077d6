using System.Text.Json;

namespace Routilux.Serialization;

/// <summary>
/// The <c>"format"</c> member every document Routilux writes carries first (flow definitions, flow descriptions,
/// checkpoints): a positive integer naming the shape of what follows. Reading checks it before anything else, so a
/// document from a newer Routilux fails with a message naming both versions instead of a confusing error deeper in.
/// </summary>
internal static class DocumentFormat
{
    /// <summary>The member's name, the same in every document.</summary>
    public const string PropertyName = "format";

    /// <summary>
    /// Reads <paramref name="root"/>'s format version and checks that this code reads it.
    /// </summary>
    /// <param name="root">The document's root object.</param>
    /// <param name="supported">The newest format this code reads; every older one down to 1 is read too.</param>
    /// <param name="document">The document as a message names it, for example "Flow definition 'word-count'".</param>
    /// <returns>The document's format version, from 1 to <paramref name="supported"/>.</returns>
    /// <exception cref="RoutiluxSerializationException">The version is missing, not a positive integer, or newer than <paramref name="supported"/>.</exception>
    public static int Check(JsonElement root, int supported, string document)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(PropertyName, out var format))
        {
            throw new RoutiluxSerializationException(
                $"{document} has no \"{PropertyName}\" member, so the version of its shape is unknown. Documents Routilux writes " +
                $"start with it; if this one was written by hand for this version of Routilux, add \"{PropertyName}\": {supported} as its first member.");
        }

        if (format.ValueKind != JsonValueKind.Number || !format.TryGetInt32(out var version))
        {
            throw new RoutiluxSerializationException(
                $"{document} has \"{PropertyName}\": {format.GetRawText()}, which is not an integer version. " +
                $"Write the format version as a number without quotes or decimals, for example \"{PropertyName}\": {supported}.");
        }

        if (version < 1)
        {
            throw new RoutiluxSerializationException(
                $"{document} has \"{PropertyName}\": {version}, which no version of Routilux writes (the first format is 1). " +
                $"Write \"{PropertyName}\": {supported} if the document was written for this version of Routilux.");
        }

        if (version > supported)
        {
            throw new RoutiluxSerializationException(
                $"{document} is written in format {version}, but this version of Routilux reads formats 1 to {supported}. " +
                $"Upgrade the Routilux package to a version that reads format {version}, or write the document again in format {supported} " +
                "with the version of Routilux that this code uses.");
        }

        return version;
    }
}
