using Nimbus.DynamoDb.Expressions;

namespace Nimbus.DynamoDb.Api;

/// <summary>GetItem: one item by key, with ProjectionExpression or AttributesToGet.</summary>
internal static class GetItemOperation
{
    public static Task HandleAsync(OperationContext context)
    {
        var input = context.Input;
        var table = input.RequiredString("TableName");
        var key = input.RequiredItem("Key");
        var expressions = new RequestExpressions(input);
        expressions.NotBoth("AttributesToGet", "ProjectionExpression");
        var projection = expressions.Projection() ?? LegacyParameters.AttributesToGet(input);
        expressions.Finish();
        var result = context.Api.Items.GetItem(context.Scope, table, key, projection, input.OptionalBool("ConsistentRead") ?? false, Output.CapacityMode(input) != "NONE");
        ItemResponse.Write(context, "Item", result);
        return Task.CompletedTask;
    }
}
