namespace Nimbus.DynamoDb.Api;

/// <summary>DescribeTimeToLive.</summary>
internal static class DescribeTimeToLiveOperation
{
    public static Task HandleAsync(OperationContext context)
    {
        var table = context.Api.Tables.Describe(context.Scope, context.Input.RequiredString("TableName"));
        var json = context.Output;
        json.WriteStartObject();
        json.WriteStartObject("TimeToLiveDescription");
        json.WriteString("TimeToLiveStatus", table.TtlAttribute is null ? "DISABLED" : "ENABLED");
        if (table.TtlAttribute is not null)
        {
            json.WriteString("AttributeName", table.TtlAttribute);
        }
        json.WriteEndObject();
        json.WriteEndObject();
        return Task.CompletedTask;
    }
}
