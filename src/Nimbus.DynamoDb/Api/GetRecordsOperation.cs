using System.Text.Json;
using Nimbus.DynamoDb.Streams;

namespace Nimbus.DynamoDb.Api;

/// <summary>DynamoDB Streams GetRecords.</summary>
internal static class GetRecordsOperation
{
    public static Task HandleAsync(OperationContext context)
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
