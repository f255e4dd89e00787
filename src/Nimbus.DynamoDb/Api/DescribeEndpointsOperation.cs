namespace Nimbus.DynamoDb.Api;

/// <summary>DescribeEndpoints.</summary>
internal static class DescribeEndpointsOperation
{
    public static Task HandleAsync(OperationContext context)
    {
        var json = context.Output;
        json.WriteStartObject();
        json.WriteStartArray("Endpoints");
        json.WriteStartObject();
        json.WriteString("Address", $"dynamodb.{context.Scope.Region}.amazonaws.com");
        json.WriteNumber("CachePeriodInMinutes", 1440);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        return Task.CompletedTask;
    }
}
