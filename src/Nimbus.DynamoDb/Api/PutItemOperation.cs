using Nimbus.DynamoDb.Expressions;

namespace Nimbus.DynamoDb.Api;

/// <summary>PutItem: writes a whole item (condition, ReturnValues NONE/ALL_OLD, capacity, item collection metrics).</summary>
internal static class PutItemOperation
{
    public static async Task HandleAsync(OperationContext context)
    {
        var input = context.Input;
        var table = input.RequiredString("TableName");
        var item = input.RequiredItem("Item");
        var expressions = new RequestExpressions(input);
        var options = WriteOptionsReader.Read(input, expressions);
        expressions.Finish();
        var result = await context.Api.Items.PutItemAsync(context.Scope, table, item, options);
        ItemResponse.Write(context, "Attributes", result);
    }
}
