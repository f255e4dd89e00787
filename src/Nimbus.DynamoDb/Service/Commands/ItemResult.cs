using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.Service.Commands;

/// <summary>The attributes a call returns (Item or Attributes), the capacity it consumed, its item collection's metrics.</summary>
internal sealed record ItemResult(IReadOnlyDictionary<string, AttributeValue>? Attributes, ConsumedCapacity? Capacity, CollectionMetrics? Collection = null);
