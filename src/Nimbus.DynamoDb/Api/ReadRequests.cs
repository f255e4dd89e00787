using Nimbus.DynamoDb.Expressions;
using Nimbus.DynamoDb.Model;
using Nimbus.DynamoDb.Service.Commands;
using System.Text.Json;

namespace Nimbus.DynamoDb.Api;

/// <summary>What Query and Scan share: the common request members and the response.</summary>
internal static class ReadRequests
{
    public static ReadCommand Common(JsonElement input, RequestExpressions expressions, string legacyFilter)
    {
        expressions.NotBoth("AttributesToGet", "ProjectionExpression");
        var projection = expressions.Projection() ?? LegacyParameters.AttributesToGet(input);
        return new ReadCommand
        {
            TableName = input.RequiredString("TableName"),
            IndexName = input.OptionalString("IndexName"),
            Filter = expressions.Condition("FilterExpression", ExpressionKind.FilterExpression) ?? LegacyParameters.Conditions(input, legacyFilter),
            Projection = projection,
            Select = input.OptionalString("Select") ?? (projection is not null ? "SPECIFIC_ATTRIBUTES" : null),
            Limit = input.OptionalInt("Limit"),
            ExclusiveStartKey = input.OptionalItem("ExclusiveStartKey"),
            ConsistentRead = input.OptionalBool("ConsistentRead") ?? false,
            ReturnCapacity = Output.CapacityMode(input) != "NONE",
        };
    }

    public static void Write(OperationContext context, ReadResult result)
    {
        var json = context.Output;
        json.WriteStartObject();
        if (result.Items is not null)
        {
            json.WriteStartArray("Items");
            foreach (var item in result.Items)
            {
                AttributeValueWriter.WriteItem(json, item);
            }
            json.WriteEndArray();
        }
        json.WriteNumber("Count", result.Count);
        json.WriteNumber("ScannedCount", result.ScannedCount);
        Output.Item(json, "LastEvaluatedKey", result.LastEvaluatedKey);
        Output.Capacity(json, result.Capacity, Output.CapacityMode(context.Input));
        json.WriteEndObject();
    }
}
