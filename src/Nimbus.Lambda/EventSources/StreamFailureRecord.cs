using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Nimbus.Core.Streams;

namespace Nimbus.Lambda.EventSources;

/// <summary>
/// The invocation record Lambda sends to a stream mapping's on-failure destination when it discards records
/// (https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html): <c>requestContext</c>,
/// <c>responseContext</c>, <c>version</c> "1.0", <c>timestamp</c> and <c>DDBStreamBatchInfo</c> pointing at the
/// records in the stream. An S3 destination also gets the discarded batch itself, as the event the function was
/// given, in <c>payload</c>.
/// </summary>
internal static class StreamFailureRecord
{
    public const string RetryAttemptsExhausted = "RetryAttemptsExhausted";
    public const string RecordAgeExceeded = "RecordAgeExceeded";

    public static byte[] Build(EventSourceMapping mapping, string functionArn, string shardId, IReadOnlyList<TableStreamRecord> records, string condition,
        int invokeCount, BatchOutcome? outcome, DateTimeOffset timestamp, string requestId, bool withPayload)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("requestContext");
            json.WriteString("requestId", requestId);
            json.WriteString("functionArn", functionArn);
            json.WriteString("condition", condition);
            json.WriteNumber("approximateInvokeCount", invokeCount);
            json.WriteEndObject();
            json.WriteStartObject("responseContext");
            json.WriteNumber("statusCode", outcome?.StatusCode ?? 0);
            json.WriteString("executedVersion", outcome?.ExecutedVersion ?? "");
            json.WriteString("functionError", outcome?.FunctionError ?? "");
            json.WriteEndObject();
            json.WriteString("version", "1.0");
            json.WriteString("timestamp", timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteStartObject("DDBStreamBatchInfo");
            json.WriteString("shardId", shardId);
            json.WriteString("startSequenceNumber", records[0].SequenceNumber);
            json.WriteString("endSequenceNumber", records[^1].SequenceNumber);
            // DynamoDB's arrival times have whole seconds in AWS's example, unlike Kinesis's milliseconds.
            json.WriteString("approximateArrivalOfFirstRecord", Seconds(records[0].ApproximateCreationDateTime));
            json.WriteString("approximateArrivalOfLastRecord", Seconds(records[^1].ApproximateCreationDateTime));
            json.WriteNumber("batchSize", records.Count);
            json.WriteString("streamArn", mapping.EventSourceArn);
            json.WriteEndObject();
            if (withPayload)
            {
                json.WriteString("payload", System.Text.Encoding.UTF8.GetString(StreamEvent.Build(records, mapping.EventSourceArn)));
            }
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>AWS's key for a failure record in an S3 destination: <c>aws/lambda/&lt;ESM UUID&gt;/&lt;shard&gt;/YYYY/MM/DD/YYYY-MM-DDTHH.MM.SS-&lt;UUID&gt;</c>.</summary>
    public static string S3Key(string mappingUuid, string shardId, DateTimeOffset timestamp, Guid random) =>
        string.Create(CultureInfo.InvariantCulture,
            $"aws/lambda/{mappingUuid}/{shardId}/{timestamp.UtcDateTime:yyyy'/'MM'/'dd}/{timestamp.UtcDateTime:yyyy'-'MM'-'dd'T'HH'.'mm'.'ss}-{random:D}");

    private static string Seconds(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
