namespace Nimbus.DynamoDb.Api;

/// <summary>UntagResource.</summary>
internal static class UntagResourceOperation
{
    public static async Task HandleAsync(OperationContext context)
    {
        var input = context.Input;
        if (input.Member("TagKeys") is null)
        {
            throw Input.Missing("TagKeys");
        }
        await context.Api.Tables.UntagAsync(context.Scope, input.RequiredString("ResourceArn"), input.Array("TagKeys").Select(k => k.GetString()!).ToList());
        Output.Empty(context);
    }
}
