using Nimbus.DynamoDb.Expressions;

namespace Nimbus.DynamoDb.Api;

/// <summary>DeleteItem: removes an item by key (condition, ReturnValues NONE/ALL_OLD).</summary>
internal static class DeleteItemOperation
{
    public static async Task HandleAsync(OperationContext context)
    {
        var input = context.Input;
        var table = input.RequiredString("TableName");
        var key = input.RequiredItem("Key");
        var expressions = new RequestExpressions(input);
        var options = WriteOptionsReader.Read(input, expressions);
        expressions.Finish();
        var result = await context.Api.Items.DeleteItemAsync(context.Scope, table, key, options);
        ItemResponse.Write(context, "Attributes", result);
    }
}
