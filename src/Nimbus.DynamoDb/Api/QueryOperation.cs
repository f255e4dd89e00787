using System.Text.Json;
using Nimbus.DynamoDb.Expressions;
using Nimbus.DynamoDb.Model;
using Nimbus.DynamoDb.Service.Commands;

namespace Nimbus.DynamoDb.Api;

/// <summary>Query: a key condition on a table or index, one range scan of its key order.</summary>
internal static class QueryOperation
{
    public static Task HandleAsync(OperationContext context)
    {
        var input = context.Input;
        var expressions = new RequestExpressions(input);
        expressions.NotBoth("KeyConditions", "KeyConditionExpression");
        expressions.NotBoth("QueryFilter", "FilterExpression");
        var keyCondition = expressions.Condition("KeyConditionExpression", ExpressionKind.KeyConditionExpression)
            ?? KeyConditions(input);
        var command = ReadRequests.Common(input, expressions, "QueryFilter") with
        {
            KeyCondition = keyCondition,
            Forward = input.OptionalBool("ScanIndexForward") ?? true,
        };
        expressions.Finish();
        ReadRequests.Write(context, context.Api.Reads.Query(context.Scope, command));
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
}
