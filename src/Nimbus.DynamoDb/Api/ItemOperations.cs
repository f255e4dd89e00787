using Nimbus.DynamoDb.Expressions;

namespace Nimbus.DynamoDb.Api;

/// <summary>PutItem, GetItem, UpdateItem and DeleteItem: each parses its request, calls the item service and writes
/// the response (Attributes or Item, ConsumedCapacity).</summary>
internal static class ItemOperations
{
    public static async Task PutItemAsync(OperationContext context)
    {
        var input = context.Input;
        var table = input.RequiredString("TableName");
        var item = input.RequiredItem("Item");
        var expressions = new RequestExpressions(input);
        var options = WriteOptionsReader.Read(input, expressions);
        expressions.Finish();
        var result = await context.Api.Items.PutItemAsync(context.Scope, table, item, options);
        Write(context, "Attributes", result);
    }

    public static Task GetItemAsync(OperationContext context)
    {
        var input = context.Input;
        var table = input.RequiredString("TableName");
        var key = input.RequiredItem("Key");
        var expressions = new RequestExpressions(input);
        expressions.NotBoth("AttributesToGet", "ProjectionExpression");
        var projection = expressions.Projection() ?? LegacyParameters.AttributesToGet(input);
        expressions.Finish();
        var result = context.Api.Items.GetItem(context.Scope, table, key, projection, input.OptionalBool("ConsistentRead") ?? false, Output.CapacityMode(input) != "NONE");
        Write(context, "Item", result);
        return Task.CompletedTask;
    }

    public static async Task DeleteItemAsync(OperationContext context)
    {
        var input = context.Input;
        var table = input.RequiredString("TableName");
        var key = input.RequiredItem("Key");
        var expressions = new RequestExpressions(input);
        var options = WriteOptionsReader.Read(input, expressions);
        expressions.Finish();
        var result = await context.Api.Items.DeleteItemAsync(context.Scope, table, key, options);
        Write(context, "Attributes", result);
    }

    public static async Task UpdateItemAsync(OperationContext context)
    {
        var input = context.Input;
        var table = input.RequiredString("TableName");
        var key = input.RequiredItem("Key");
        var expressions = new RequestExpressions(input);
        expressions.NotBoth("AttributeUpdates", "UpdateExpression");
        var actions = expressions.Update() ?? LegacyParameters.AttributeUpdates(input) ?? [];
        var options = WriteOptionsReader.Read(input, expressions);
        expressions.Finish();
        var result = await context.Api.Items.UpdateItemAsync(context.Scope, table, key, actions, options);
        Write(context, "Attributes", result);
    }

    private static void Write(OperationContext context, string member, Service.Commands.ItemResult result)
    {
        var json = context.Output;
        json.WriteStartObject();
        Output.Item(json, member, result.Attributes);
        Output.Capacity(json, result.Capacity, Output.CapacityMode(context.Input));
        json.WriteEndObject();
    }
}
