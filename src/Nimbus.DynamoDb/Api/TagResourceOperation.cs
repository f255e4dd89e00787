namespace Nimbus.DynamoDb.Api;

/// <summary>TagResource.</summary>
internal static class TagResourceOperation
{
    public static async Task HandleAsync(OperationContext context)
    {
        var input = context.Input;
        if (input.Member("Tags") is null)
        {
            throw Input.Missing("Tags");
        }
        var tags = input.Array("Tags").ToDictionary(t => t.RequiredString("Key"), t => t.RequiredString("Value"), StringComparer.Ordinal);
        await context.Api.Tables.TagAsync(context.Scope, input.RequiredString("ResourceArn"), tags);
        Output.Empty(context);
    }
}
