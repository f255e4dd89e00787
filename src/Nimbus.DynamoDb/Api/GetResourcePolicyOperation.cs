namespace Nimbus.DynamoDb.Api;

/// <summary>GetResourcePolicy.</summary>
internal static class GetResourcePolicyOperation
{
    public static Task HandleAsync(OperationContext context)
    {
        var policy = context.Api.Tables.GetResourcePolicy(context.Scope, context.Input.RequiredString("ResourceArn"));
        var json = context.Output;
        json.WriteStartObject();
        json.WriteString("Policy", policy.Document);
        json.WriteString("RevisionId", policy.RevisionId);
        json.WriteEndObject();
        return Task.CompletedTask;
    }
}
