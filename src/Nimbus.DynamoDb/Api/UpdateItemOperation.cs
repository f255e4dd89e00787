using Nimbus.DynamoDb.Expressions;

namespace Nimbus.DynamoDb.Api;

/// <summary>UpdateItem: UpdateExpression or legacy AttributeUpdates, with every ReturnValues.</summary>
internal static class UpdateItemOperation
{
    public static async Task HandleAsync(OperationContext context)
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
        ItemResponse.Write(context, "Attributes", result);
    }
}
