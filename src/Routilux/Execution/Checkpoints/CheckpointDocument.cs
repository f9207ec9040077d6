using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

namespace Routilux.Execution;

/// <summary>
/// The checkpoint document, format 1: an envelope <c>{"format", "kind", "worker", "sequence", "createdAt", "flow",
/// "checksum", "body"}</c> whose checksum is the SHA-256 of the body's exact bytes, so a damaged document is caught in
/// any store. The body repeats the envelope's identity and holds the flow's structure, jobs, routines (state, slots
/// with their queued and buffered messages, the message a routine had in hand) and history. docs/durable-state.md
/// describes every member; CheckpointReader.cs reads it.
/// </summary>
internal static partial class CheckpointDocument
{
    /// <summary>The format this code writes, and the newest it reads.</summary>
    public const int Format = 1;

    public const string Kind = "routilux.worker-checkpoint";

    private const string ChecksumPrefix = "sha256:";

    /// <summary>Writes the document of <paramref name="capture"/>; the payloads are serialized here, after dispatch resumed.</summary>
    public static byte[] Write(WorkerCapture capture, Flow flow)
    {
        var body = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(body))
        {
            WriteBody(writer, capture, flow);
        }

        var document = new ArrayBufferWriter<byte>(body.WrittenCount + 512);
        using (var writer = new Utf8JsonWriter(document))
        {
            writer.WriteStartObject();
            writer.WriteNumber("format", Format);
            writer.WriteString("kind", Kind);
            writer.WriteString("worker", capture.WorkerId);
            writer.WriteNumber("sequence", capture.Sequence);
            writer.WriteString("createdAt", capture.CreatedAt);
            writer.WriteString("flow", flow.Id);
            writer.WriteString("checksum", ChecksumPrefix + Convert.ToHexString(SHA256.HashData(body.WrittenSpan)).ToLowerInvariant());
            writer.WritePropertyName("body");
            writer.WriteRawValue(body.WrittenSpan, skipInputValidation: true);
            writer.WriteEndObject();
        }

        return document.WrittenSpan.ToArray();
    }

    private static void WriteBody(Utf8JsonWriter writer, WorkerCapture capture, Flow flow)
    {
        writer.WriteStartObject();
        writer.WriteString("worker", capture.WorkerId);
        writer.WriteNumber("sequence", capture.Sequence);
        writer.WriteString("createdAt", capture.CreatedAt);
        var structure = FlowStructure.Of(flow);
        writer.WriteStartObject("flow");
        writer.WriteString("id", flow.Id);
        writer.WriteString("hash", structure.Hash);
        writer.WritePropertyName("structure");
        structure.Write(writer);
        writer.WriteEndObject();
        writer.WriteBoolean("paused", capture.Paused);
        if (capture.PauseReason is { } reason)
        {
            writer.WriteString("pauseReason", reason);
        }

        writer.WriteNumber("jobSequence", capture.JobSequence);
        writer.WriteStartArray("jobs");
        foreach (var job in capture.Jobs)
        {
            WriteJob(writer, job);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("routines");
        foreach (var routine in capture.Routines)
        {
            WriteRoutine(writer, routine);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("history");
        foreach (var run in capture.History)
        {
            writer.WriteStartObject();
            writer.WriteString("routine", run.RoutineId);
            writer.WriteString("slot", run.SlotName);
            writer.WriteString("job", run.JobId);
            writer.WriteString("startedAt", run.StartedAt);
            writer.WriteNumber("durationTicks", run.Duration.Ticks);
            writer.WriteString("outcome", run.Outcome.ToString());
            writer.WriteNumber("attempt", run.Attempt);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteJob(Utf8JsonWriter writer, Job job)
    {
        writer.WriteStartObject();
        writer.WriteString("id", job.Id);
        writer.WriteString("startedAt", job.StartedAt);
        if (job.Timeout is { } timeout)
        {
            writer.WriteNumber("timeoutTicks", timeout.Ticks);
        }

        writer.WriteBoolean("inputOpen", job.IsInputOpen && !job.ClosesInputItself);
        var omitted = new List<string>();
        writer.WriteStartObject("data");
        foreach (var (key, value) in job.Data.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            if (JobDataJson.CanWrite(value))
            {
                writer.WritePropertyName(key);
                JobDataJson.Write(writer, value);
            }
            else
            {
                omitted.Add(key);
            }
        }

        writer.WriteEndObject();
        if (omitted.Count > 0)
        {
            // Named, so the loss is visible in the document; see docs/durable-state.md for the types that are saved.
            writer.WriteStartArray("dataOmitted");
            omitted.ForEach(writer.WriteStringValue);
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteRoutine(Utf8JsonWriter writer, RoutineCapture routine)
    {
        writer.WriteStartObject();
        writer.WriteString("id", routine.Id);
        writer.WriteString("type", routine.Type);
        writer.WriteNumber("stateVersion", routine.StateVersion);
        if (routine.State is { } state)
        {
            writer.WritePropertyName("state");
            writer.WriteRawValue(state, skipInputValidation: true);
        }

        writer.WriteStartArray("slots");
        foreach (var slot in routine.Slots)
        {
            writer.WriteStartObject();
            writer.WriteString("name", slot.Name);
            writer.WriteNumber("received", slot.Received);
            writer.WriteStartArray("queued");
            for (var i = 0; i < slot.Queued.Count; i++)
            {
                writer.WriteStartObject();
                writer.WriteString("job", slot.Queued.Jobs[i].Id);
                writer.WritePropertyName("payload");
                slot.Queued.WritePayload(writer, i);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            if (slot.Buffered is { } buffered)
            {
                writer.WriteStartArray("buffered");
                for (var i = 0; i < buffered.Count; i++)
                {
                    var job = buffered.Jobs[i];
                    writer.WriteStartObject();
                    writer.WriteString("job", job.Id);
                    writer.WriteNumber("sequence", buffered.Numbers[i]);
                    writer.WriteNumber("waitedTicks", slot.Waited!.GetValueOrDefault(job).Ticks);
                    writer.WritePropertyName("payload");
                    buffered.WritePayload(writer, i);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            if (slot.SinceLastRun is { } since)
            {
                writer.WriteNumber("sinceLastRunTicks", since.Ticks);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (routine.Hand is { } hand)
        {
            WriteHand(writer, hand);
        }

        writer.WriteEndObject();
    }

    private static void WriteHand(Utf8JsonWriter writer, HandCapture hand)
    {
        writer.WriteStartObject("hand");
        writer.WriteString("job", hand.Job.Id);
        writer.WriteString("slot", hand.Slot);
        writer.WriteNumber("attempt", hand.Attempt);
        if (hand.Retry is { Count: 1 } retry)
        {
            writer.WriteNumber("retryInTicks", hand.RetryIn.GetValueOrDefault().Ticks);
            writer.WritePropertyName("retry");
            retry.WritePayload(writer, 0);
        }

        if (hand.BatchRest is { } rest)
        {
            WritePayloads(writer, "batchRest", rest);
        }

        writer.WriteStartArray("outbox");
        foreach (var outbox in hand.Outbox)
        {
            writer.WriteStartObject();
            writer.WriteString("event", outbox.Event);
            writer.WriteStartArray("deliveredTo");
            foreach (var target in outbox.FirstDeliveredTo)
            {
                writer.WriteStringValue(target);
            }

            writer.WriteEndArray();
            WritePayloads(writer, "payloads", outbox.Items);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WritePayloads(Utf8JsonWriter writer, string name, CapturedPayloads payloads)
    {
        writer.WriteStartArray(name);
        for (var i = 0; i < payloads.Count; i++)
        {
            payloads.WritePayload(writer, i);
        }

        writer.WriteEndArray();
    }
}
