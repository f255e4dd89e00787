namespace Nimbus.DynamoDb.Api;

/// <summary>UpdateTimeToLive.</summary>
internal static class UpdateTimeToLiveOperation
{
    public static async Task HandleAsync(OperationContext context)
    {
        var input = context.Input;
        var spec = input.Member("TimeToLiveSpecification") ?? throw Input.Missing("TimeToLiveSpecification");
        var enabled = spec.OptionalBool("Enabled") ?? throw Input.Missing("TimeToLiveSpecification.Enabled");
        var attribute = spec.RequiredString("AttributeName");
        await context.Api.Tables.UpdateTimeToLiveAsync(context.Scope, input.RequiredString("TableName"), enabled, attribute);
        var json = context.Output;
        json.WriteStartObject();
        json.WriteStartObject("TimeToLiveSpecification");
        json.WriteBoolean("Enabled", enabled);
        json.WriteString("AttributeName", attribute);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
