using System.Text.Json;
using Nimbus.DynamoDb.Streams;

namespace Nimbus.DynamoDb.Api;

/// <summary>DynamoDB Streams DescribeStream.</summary>
internal static class DescribeStreamOperation
{
    public static Task HandleAsync(OperationContext context)
    {
        var (table, stream) = context.Api.Streams.Find(context.Input.RequiredString("StreamArn"));
        var (first, last) = context.Api.Streams.Range(stream);
        var json = context.Output;
        json.WriteStartObject();
        json.WriteStartObject("StreamDescription");
        json.WriteString("StreamArn", stream.Arn);
        json.WriteString("StreamLabel", stream.Label);
        json.WriteString("StreamStatus", stream.Enabled ? "ENABLED" : "DISABLED");
        json.WriteString("StreamViewType", stream.ViewType);
        if (DateTimeOffset.TryParse(stream.Label + "Z", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var created))
        {
            json.WriteNumber("CreationRequestDateTime", created.ToUnixTimeMilliseconds() / 1000.0);
        }
        json.WriteString("TableName", table.Name);
        TableDescriptionWriter.KeySchema(json, table.Key);
        json.WriteStartArray("Shards");
        json.WriteStartObject();
        json.WriteString("ShardId", StreamService.ShardId(stream));
        json.WriteStartObject("SequenceNumberRange");
        json.WriteString("StartingSequenceNumber", SequenceNumbers.Format(first > 0 ? first : Math.Max(1, last + 1)));
        if (!stream.Enabled && last > 0)
        {
            json.WriteString("EndingSequenceNumber", SequenceNumbers.Format(last));
        }
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        return Task.CompletedTask;
    }
}
