using System.Text.Json;
using Nimbus.DynamoDb.Streams;

namespace Nimbus.DynamoDb.Api;

/// <summary>DynamoDB Streams GetShardIterator.</summary>
internal static class GetShardIteratorOperation
{
    public static Task HandleAsync(OperationContext context)
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
}
