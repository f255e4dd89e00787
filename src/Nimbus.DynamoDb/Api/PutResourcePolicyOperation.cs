namespace Nimbus.DynamoDb.Api;

/// <summary>PutResourcePolicy: stores the policy (not enforced) and answers its new revision.</summary>
internal static class PutResourcePolicyOperation
{
    public static async Task HandleAsync(OperationContext context)
    {
        var input = context.Input;
        var revision = await context.Api.Tables.PutResourcePolicyAsync(context.Scope, input.RequiredString("ResourceArn"), input.RequiredString("Policy"),
            input.OptionalString("ExpectedRevisionId"));
        var json = context.Output;
        json.WriteStartObject();
        json.WriteString("RevisionId", revision);
        json.WriteEndObject();
    }
}
