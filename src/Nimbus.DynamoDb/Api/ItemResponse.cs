using Nimbus.DynamoDb.Expressions;

namespace Nimbus.DynamoDb.Api;

/// <summary>The response of the single-item calls: Item or Attributes, ConsumedCapacity, ItemCollectionMetrics.</summary>
internal static class ItemResponse
{
    public static void Write(OperationContext context, string member, Service.Commands.ItemResult result)
    {
        var json = context.Output;
        json.WriteStartObject();
        Output.Item(json, member, result.Attributes);
        Output.Capacity(json, result.Capacity, Output.CapacityMode(context.Input));
        if (result.Collection is { } collection)
        {
            json.WritePropertyName("ItemCollectionMetrics");
            Output.CollectionMetrics(json, collection);
        }
        json.WriteEndObject();
    }
}
