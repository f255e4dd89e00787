namespace Nimbus.DynamoDb.Api;

/// <summary>DeleteResourcePolicy: answers the revision of the policy it removed.</summary>
internal static class DeleteResourcePolicyOperation
{
    public static async Task HandleAsync(OperationContext context)
    {
        var input = context.Input;
        var revision = await context.Api.Tables.DeleteResourcePolicyAsync(context.Scope, input.RequiredString("ResourceArn"), input.OptionalString("ExpectedRevisionId"));
        var json = context.Output;
        json.WriteStartObject();
        json.WriteString("RevisionId", revision);
        json.WriteEndObject();
    }
}
