using System.Text.Json;
using Nimbus.DynamoDb.Streams;

namespace Nimbus.DynamoDb.Api;

/// <summary>DynamoDB Streams ListStreams.</summary>
internal static class ListStreamsOperation
{
    public static Task HandleAsync(OperationContext context)
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
}
