using System.Text.Json;
using Nimbus.DynamoDb.Expressions;
using Nimbus.DynamoDb.Model;
using Nimbus.DynamoDb.Service.Commands;

namespace Nimbus.DynamoDb.Api;

/// <summary>Query and Scan.</summary>
internal static class ReadOperations
{
    public static Task QueryAsync(OperationContext context)
    {
        var input = context.Input;
        var expressions = new RequestExpressions(input);
        expressions.NotBoth("KeyConditions", "KeyConditionExpression");
        expressions.NotBoth("QueryFilter", "FilterExpression");
        var keyCondition = expressions.Condition("KeyConditionExpression", ExpressionKind.KeyConditionExpression)
            ?? KeyConditions(input);
        var command = Common(input, expressions, "QueryFilter") with
        {
            KeyCondition = keyCondition,
            Forward = input.OptionalBool("ScanIndexForward") ?? true,
        };
        expressions.Finish();
        Write(context, context.Api.Reads.Query(context.Scope, command));
        return Task.CompletedTask;
    }

    /// <summary>Legacy KeyConditions are ANDed whatever ConditionalOperator says.</summary>
    private static Condition? KeyConditions(JsonElement input)
    {
        Condition? result = null;
        foreach (var property in input.Object("KeyConditions"))
        {
            using var single = JsonDocument.Parse($"{{\"KeyConditions\":{{{JsonSerializer.Serialize(property.Name)}:{property.Value.GetRawText()}}}}}");
            var part = LegacyParameters.Conditions(single.RootElement, "KeyConditions")!;
            result = result is null ? part : new AndCondition(result, part);
        }
        return result;
    }

    public static Task ScanAsync(OperationContext context)
    {
        var input = context.Input;
        var expressions = new RequestExpressions(input);
        expressions.NotBoth("ScanFilter", "FilterExpression");
        var command = Common(input, expressions, "ScanFilter") with
        {
            Segment = input.OptionalInt("Segment"),
            TotalSegments = input.OptionalInt("TotalSegments"),
        };
        expressions.Finish();
        Write(context, context.Api.Reads.Scan(context.Scope, command));
        return Task.CompletedTask;
    }

    private static ReadCommand Common(JsonElement input, RequestExpressions expressions, string legacyFilter)
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

    private static void Write(OperationContext context, ReadResult result)
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
