using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Routilux.Execution;

/// <summary>
/// Reads and verifies a checkpoint document (<see cref="CheckpointDocument"/>): valid JSON, a known format, the kind,
/// the checksum over the body's exact bytes, and the envelope matching the body. Every error names the worker and the
/// checkpoint's sequence (from the store's record, so even an unreadable document is named) and says what to do.
/// </summary>
internal static partial class CheckpointDocument
{
    /// <summary>Parses and verifies <paramref name="checkpoint"/>'s document; the caller disposes the result.</summary>
    /// <exception cref="RoutiluxSerializationException">The document is damaged or of a format this code does not read.</exception>
    public static ParsedCheckpoint Read(WorkerCheckpoint checkpoint)
    {
        var name = $"checkpoint {checkpoint.Sequence} of worker '{checkpoint.WorkerId}'";
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(checkpoint.Document);
        }
        catch (JsonException ex)
        {
            throw new RoutiluxSerializationException(
                $"The {name} is not valid JSON ({ex.Message}); the stored document is damaged. Resume from an earlier checkpoint of the worker " +
                "(a store keeps the two newest), or delete the worker's checkpoints and start it afresh.", ex);
        }

        try
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format))
            {
                throw Damaged(name, "it has no \"format\" member, so it is not a Routilux checkpoint document or was cut short");
            }

            if (format.ValueKind != JsonValueKind.Number || !format.TryGetInt32(out var version))
            {
                throw Damaged(name, $"its \"format\" is {format.GetRawText()}, not an integer");
            }

            if (version > Format)
            {
                throw new RoutiluxSerializationException(
                    $"The {name} has format {version}, newer than this version of Routilux reads (format {Format}). It was written by a newer " +
                    "Routilux: resume the worker with that version, or upgrade this application's Routilux package.");
            }

            if (version < 1)
            {
                throw Damaged(name, $"its \"format\" is {version}; formats start at 1");
            }

            if (!root.TryGetProperty("kind", out var kind) || kind.ValueKind != JsonValueKind.String || kind.GetString() != Kind)
            {
                throw Damaged(name, $"its \"kind\" is not \"{Kind}\"");
            }

            if (!root.TryGetProperty("body", out var body) || body.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("checksum", out var checksum) || checksum.ValueKind != JsonValueKind.String)
            {
                throw Damaged(name, "its \"body\" or \"checksum\" is missing");
            }

            var actual = ChecksumPrefix + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(body.GetRawText()))).ToLowerInvariant();
            if (!string.Equals(actual, checksum.GetString(), StringComparison.Ordinal))
            {
                throw new RoutiluxSerializationException(
                    $"The {name} does not match its checksum: the stored document was changed or damaged after it was written. Resume from an " +
                    "earlier checkpoint of the worker (a store keeps the two newest), or delete the worker's checkpoints and start it afresh.");
            }

            var parsed = new ParsedCheckpoint(document, body, checkpoint);
            if (parsed.WorkerId != checkpoint.WorkerId || parsed.Sequence != checkpoint.Sequence)
            {
                throw Damaged(name, $"its body is checkpoint {parsed.Sequence} of worker '{parsed.WorkerId}'");
            }

            return parsed;
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            document.Dispose();
            throw Damaged(name, $"a member is missing or of the wrong kind ({ex.Message})", ex);
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    private static RoutiluxSerializationException Damaged(string name, string what, Exception? inner = null) => new(
        $"The {name} cannot be read: {what}. Resume from an earlier checkpoint of the worker (a store keeps the two newest), or delete the " +
        "worker's checkpoints and start it afresh.", inner);
}

/// <summary>A verified checkpoint document, read lazily by the restorer; disposing it frees the parsed JSON.</summary>
internal sealed class ParsedCheckpoint : IDisposable
{
    private readonly JsonDocument _document;

    public ParsedCheckpoint(JsonDocument document, JsonElement body, WorkerCheckpoint record)
    {
        _document = document;
        Body = body;
        Record = record;
        WorkerId = body.GetProperty("worker").GetString()!;
        Sequence = body.GetProperty("sequence").GetInt64();
        var flow = body.GetProperty("flow");
        FlowId = flow.GetProperty("id").GetString()!;
        Structure = FlowStructure.Read(flow.GetProperty("structure"));
    }

    public JsonElement Body { get; }

    public WorkerCheckpoint Record { get; }

    public string WorkerId { get; }

    public long Sequence { get; }

    public string FlowId { get; }

    public FlowStructure Structure { get; }

    public void Dispose() => _document.Dispose();
}
