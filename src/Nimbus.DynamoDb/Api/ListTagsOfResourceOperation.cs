namespace Nimbus.DynamoDb.Api;

/// <summary>ListTagsOfResource.</summary>
internal static class ListTagsOfResourceOperation
{
    public static Task HandleAsync(OperationContext context)
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
}
