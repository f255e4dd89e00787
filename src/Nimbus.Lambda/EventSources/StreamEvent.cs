using System.Text;
using System.Text.Json;
using Nimbus.Core.Streams;

namespace Nimbus.Lambda.EventSources;

/// <summary>
/// The event a function receives from a DynamoDB stream, exactly as AWS sends it: <c>{"Records":[…]}</c>, each record
/// the GetRecords record with <c>eventSourceARN</c> added; and the partial-batch response a function may return.
/// </summary>
internal static class StreamEvent
{
    /// <summary>Synchronous invocation payload limit (6 MB): a batch is cut so that its event fits.</summary>
    public const int MaxPayloadBytes = 6 * 1024 * 1024;

    /// <summary>Bytes a record adds to the event besides its own JSON (the ARN member and a separator).</summary>
    public static int Overhead(string sourceArn) => sourceArn.Length + 24;

    public static byte[] Build(IReadOnlyList<TableStreamRecord> records, string sourceArn)
    {
        var arn = ",\"eventSourceARN\":\"" + JsonEncodedText.Encode(sourceArn).ToString() + "\"}";
        var builder = new StringBuilder("{\"Records\":[");
        for (var i = 0; i < records.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }
            var json = records[i].Json.AsSpan().TrimEnd();
            builder.Append(json[..^1]).Append(arn);
        }
        return Encoding.UTF8.GetBytes(builder.Append("]}").ToString());
    }

    /// <summary>
    /// Reads a <c>ReportBatchItemFailures</c> response: -1 when the batch succeeded (no response, no or an empty
    /// <c>batchItemFailures</c>), otherwise the index of the first record to retry from. An identifier that is
    /// missing, empty or not in the batch fails the whole batch (index 0), as AWS does.
    /// </summary>
    public static int FirstFailure(ReadOnlyMemory<byte> payload, IReadOnlyList<TableStreamRecord> records)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload);
        }
        catch (JsonException)
        {
            return -1;
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("batchItemFailures", out var failures)
                || failures.ValueKind != JsonValueKind.Array || failures.GetArrayLength() == 0)
            {
                return -1;
            }
            var first = int.MaxValue;
            foreach (var failure in failures.EnumerateArray())
            {
                var id = failure.ValueKind == JsonValueKind.Object && failure.TryGetProperty("itemIdentifier", out var value)
                    && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
                var index = string.IsNullOrEmpty(id) ? -1 : IndexOf(records, id);
                if (index < 0)
                {
                    return 0;
                }
                first = Math.Min(first, index);
            }
            return first;
        }
    }

    private static int IndexOf(IReadOnlyList<TableStreamRecord> records, string sequenceNumber)
    {
        for (var i = 0; i < records.Count; i++)
        {
            if (records[i].SequenceNumber == sequenceNumber)
            {
                return i;
            }
        }
        return -1;
    }
}
