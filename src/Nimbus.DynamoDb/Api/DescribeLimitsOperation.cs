namespace Nimbus.DynamoDb.Api;

/// <summary>DescribeLimits: AWS's default account quotas.</summary>
internal static class DescribeLimitsOperation
{
    public static Task HandleAsync(OperationContext context)
    {
        var json = context.Output;
        json.WriteStartObject();
        json.WriteNumber("AccountMaxReadCapacityUnits", 80000);
        json.WriteNumber("AccountMaxWriteCapacityUnits", 80000);
        json.WriteNumber("TableMaxReadCapacityUnits", 40000);
        json.WriteNumber("TableMaxWriteCapacityUnits", 40000);
        json.WriteEndObject();
        return Task.CompletedTask;
    }
}
