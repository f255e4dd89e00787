using System.Text.Json;
using Nimbus.DynamoDb.Streams;

namespace Nimbus.DynamoDb.Api;

/// <summary>The DynamoDB Streams API: ListStreams, DescribeStream, GetShardIterator and GetRecords.</summary>
internal static class StreamOperations
{
    public static Task ListStreamsAsync(OperationContext context)
    {
        var input = context.Input;
        var limit = input.OptionalInt("Limit") ?? 100;
        if (limit is < 1 or > 100)
        {
            throw DynamoDbErrors.Validation($"1 validation error detected: Value '{limit}' at 'limit' failed to satisfy constraint: Member must have value {(limit < 1 ? "greater than or equal to 1" : "less than or equal to 100")}");
        }
        var start = input.OptionalString("ExclusiveStartStreamArn");
        var streams = context.Api.Streams.List(context.Scope, input.OptionalString("TableName"))
            .Where(s => start is null || string.CompareOrdinal(s.Stream.Arn, start) > 0)
            .OrderBy(s => s.Stream.Arn, StringComparer.Ordinal)
            .ToList();
        var page = streams.Take(limit).ToList();
        var json = context.Output;
        json.WriteStartObject();
        json.WriteStartArray("Streams");
        foreach (var (table, stream) in page)
        {
            json.WriteStartObject();
            json.WriteString("StreamArn", stream.Arn);
            json.WriteString("TableName", table.Name);
            json.WriteString("StreamLabel", stream.Label);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (streams.Count > limit)
        {
            json.WriteString("LastEvaluatedStreamArn", page[^1].Stream.Arn);
        }
        json.WriteEndObject();
        return Task.CompletedTask;
    }

    public static Task DescribeStreamAsync(OperationContext context)
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

    public static Task GetShardIteratorAsync(OperationContext context)
    {
        var input = context.Input;
        var iterator = context.Api.Streams.GetShardIterator(input.RequiredString("StreamArn"), input.RequiredString("ShardId"),
            input.RequiredString("ShardIteratorType"), input.OptionalString("SequenceNumber"));
        var json = context.Output;
        json.WriteStartObject();
        json.WriteString("ShardIterator", iterator);
        json.WriteEndObject();
        return Task.CompletedTask;
    }

    public static Task GetRecordsAsync(OperationContext context)
    {
        var (records, next) = context.Api.Streams.GetRecords(context.Input.RequiredString("ShardIterator"), context.Input.OptionalInt("Limit"));
        var json = context.Output;
        json.WriteStartObject();
        json.WriteStartArray("Records");
        foreach (var record in records)
        {
            json.WriteRawValue(record.Record, skipInputValidation: true);
        }
        json.WriteEndArray();
        if (next is not null)
        {
            json.WriteString("NextShardIterator", next);
        }
        json.WriteEndObject();
        return Task.CompletedTask;
    }
}
