namespace Nimbus.DynamoDb.Api;

/// <summary>Tags, time to live, DescribeLimits and DescribeEndpoints.</summary>
internal static class TableSettingsOperations
{
    public static async Task TagResourceAsync(OperationContext context)
    {
        var input = context.Input;
        if (input.Member("Tags") is null)
        {
            throw Input.Missing("Tags");
        }
        var tags = input.Array("Tags").ToDictionary(t => t.RequiredString("Key"), t => t.RequiredString("Value"), StringComparer.Ordinal);
        await context.Api.Tables.TagAsync(context.Scope, input.RequiredString("ResourceArn"), tags);
        Empty(context);
    }

    public static async Task UntagResourceAsync(OperationContext context)
    {
        var input = context.Input;
        if (input.Member("TagKeys") is null)
        {
            throw Input.Missing("TagKeys");
        }
        await context.Api.Tables.UntagAsync(context.Scope, input.RequiredString("ResourceArn"), input.Array("TagKeys").Select(k => k.GetString()!).ToList());
        Empty(context);
    }

    public static Task ListTagsOfResourceAsync(OperationContext context)
    {
        var tags = context.Api.Tables.Tags(context.Scope, context.Input.RequiredString("ResourceArn"));
        var json = context.Output;
        json.WriteStartObject();
        json.WriteStartArray("Tags");
        foreach (var (key, value) in tags)
        {
            json.WriteStartObject();
            json.WriteString("Key", key);
            json.WriteString("Value", value);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        return Task.CompletedTask;
    }

    public static async Task UpdateTimeToLiveAsync(OperationContext context)
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

    public static Task DescribeTimeToLiveAsync(OperationContext context)
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

    /// <summary>AWS's default account quotas.</summary>
    public static Task DescribeLimitsAsync(OperationContext context)
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

    public static Task DescribeEndpointsAsync(OperationContext context)
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

    private static void Empty(OperationContext context)
    {
        context.Output.WriteStartObject();
        context.Output.WriteEndObject();
    }
}
