using System.Text.Json;
using Nimbus.DynamoDb.Expressions;
using Nimbus.DynamoDb.Service.Commands;

namespace Nimbus.DynamoDb.Api;

/// <summary>ConditionExpression (or legacy Expected), ReturnValues and the capacity switch of a single-item write.</summary>
internal static class WriteOptionsReader
{
    public static WriteOptions Read(JsonElement input, RequestExpressions expressions)
    {
        expressions.NotBoth("Expected", "ConditionExpression");
        var condition = expressions.Condition("ConditionExpression", ExpressionKind.ConditionExpression) ?? LegacyParameters.Conditions(input, "Expected");
        var onFailure = input.OptionalString("ReturnValuesOnConditionCheckFailure") switch
        {
            null or "NONE" => false,
            "ALL_OLD" => true,
            var other => throw DynamoDbErrors.Validation($"1 validation error detected: Value '{other}' at 'returnValuesOnConditionCheckFailure' failed to satisfy constraint: Member must satisfy enum value set: [ALL_OLD, NONE]"),
        };
        return new WriteOptions
        {
            Condition = condition,
            ReturnValues = input.OptionalString("ReturnValues") ?? "NONE",
            ReturnItemOnConditionFailure = onFailure,
            ReturnCapacity = Output.CapacityMode(input) != "NONE",
            ReturnCollectionMetrics = Output.CollectionMetricsMode(input),
        };
    }
}
